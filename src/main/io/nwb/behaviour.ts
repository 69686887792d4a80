// Behaviour in NWB: TimeSeries (continuous: data × conversion + offset at timestamps or starting_time + k/rate)
// and events (BehavioralEvents TimeSeries, /events tables), found under /acquisition, /processing, /events.
import type { File as H5File } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import type { BehaviourSeries } from '../raw'
import { attrNumber, attrString, datasetNumbers, getNode, isDataset, isGroup, readNumbers } from '../h5/read'
import { baseName, type TypedGroup } from './detect'

export interface SeriesEntry {
  name: string
  path: string
  kind: 'continuous' | 'events'
}

/** Neural or imaging series are not behaviour (and can be gigabytes). */
const NOT_BEHAVIOUR = /Electrical|Image|Photon|Fluorescence|RoiResponse|Spike|Current|Voltage(Clamp)?Series|Patch/
/** Largest series read (samples); larger ones are listed but skipped with a warning. */
const MAX_SAMPLES = 20_000_000

function isUnder(path: string, roots: string[]): boolean {
  return roots.some((r) => path === r || path.startsWith(`${r}/`))
}

/** Lists behaviour series without reading their data. Names are the series names, made unique with the parent. */
export function listBehaviour(f: H5File, groups: TypedGroup[]): SeriesEntry[] {
  const out: SeriesEntry[] = []
  for (const g of groups) {
    const node = getNode(f, g.path)
    if (!isGroup(node)) continue
    const keys = node.keys()
    const eventsTable = isUnder(g.path, ['/events']) || /^(Events|EventsTable|LabeledEvents|TTLs)$/.test(g.type)
    if (eventsTable && (keys.includes('timestamp') || keys.includes('timestamps'))) {
      out.push({ name: baseName(g.path), path: g.path, kind: 'events' })
      continue
    }
    if (!/Series$/.test(g.type) || NOT_BEHAVIOUR.test(g.type) || !keys.includes('data')) continue
    if (!isUnder(g.path, ['/acquisition', '/processing'])) continue
    const kind = g.parentType === 'BehavioralEvents' ? 'events' : 'continuous'
    out.push({ name: baseName(g.path), path: g.path, kind })
  }
  const seen = new Map<string, number>()
  for (const e of out) seen.set(e.name, (seen.get(e.name) ?? 0) + 1)
  for (const e of out) {
    if ((seen.get(e.name) ?? 0) > 1) e.name = `${baseName(e.path.slice(0, e.path.lastIndexOf('/')))}/${e.name}`
  }
  return out
}

function sampleTimes(f: H5File, path: string, n: number): Float64Array {
  const ts = getNode(f, `${path}/timestamps`)
  if (isDataset(ts)) return datasetNumbers(f, ts)
  const st = getNode(f, `${path}/starting_time`)
  if (!isDataset(st)) {
    throw new AppError('FIELD_MISSING', 'TimeSeries has neither timestamps nor starting_time', {
      file: f.filename,
      field: path
    })
  }
  const rate = attrNumber(st, 'rate')
  if (rate === undefined || !(rate > 0)) {
    throw new AppError('BAD_VALUE', `starting_time needs a positive rate attribute (found ${rate})`, {
      file: f.filename,
      field: `${path}/starting_time`
    })
  }
  const t0 = datasetNumbers(f, st)[0] ?? 0
  return Float64Array.from({ length: n }, (_, i) => t0 + i / rate)
}

function readContinuous(f: H5File, e: SeriesEntry, warnings: string[]): BehaviourSeries | null {
  const data = getNode(f, `${e.path}/data`)
  if (!isDataset(data)) return null
  const shape = data.shape ?? []
  const n = shape[0] ?? 1
  const cols = shape.slice(1).reduce((a, b) => a * b, 1)
  if (n * cols > MAX_SAMPLES) {
    warnings.push(`${e.path}: skipped (${n * cols} samples is more than the ${MAX_SAMPLES} read for behaviour)`)
    return null
  }
  const raw = datasetNumbers(f, data)
  if (cols > 1) warnings.push(`${e.path}/data: ${cols} channels; using the first`)
  const conversion = attrNumber(data, 'conversion') ?? 1
  const offset = attrNumber(data, 'offset') ?? 0
  const values = Float64Array.from({ length: n }, (_, i) => (raw[i * cols] as number) * conversion + offset)
  const times = sampleTimes(f, e.path, n)
  if (times.length !== n) {
    throw new AppError('SHAPE_MISMATCH', `${times.length} timestamps for ${n} samples`, {
      file: f.filename,
      field: `${e.path}/timestamps`
    })
  }
  for (let i = 1; i < n; i++) {
    if (!((times[i] as number) >= (times[i - 1] as number))) {
      throw new AppError(
        'BAD_VALUE',
        `timestamps are not increasing at sample ${i} (${times[i - 1]} s then ${times[i]} s)`,
        {
          file: f.filename,
          field: `${e.path}/timestamps`
        }
      )
    }
  }
  return { kind: 'continuous', times, values, unit: attrString(data, 'unit') ?? '' }
}

function readEvents(f: H5File, e: SeriesEntry): BehaviourSeries {
  const node = getNode(f, `${e.path}/timestamps`) ?? getNode(f, `${e.path}/timestamp`)
  const times = isDataset(node) ? readNumbers(f, node.path) : new Float64Array()
  return { kind: 'events', times: times.filter(Number.isFinite).sort() }
}

/**
 * Reads the listed series. Behaviour is context, not what the fit needs: an oversized series, or one whose content
 * is wrong (timestamps that go back, a count that differs from the data), is skipped with a warning, never a refusal.
 */
export function readBehaviour(f: H5File, entries: SeriesEntry[], warnings: string[]): Record<string, BehaviourSeries> {
  const out: Record<string, BehaviourSeries> = {}
  for (const e of entries) {
    try {
      const s = e.kind === 'events' ? readEvents(f, e) : readContinuous(f, e, warnings)
      if (s) out[e.name] = s
    } catch (err) {
      // A read failure of the file itself (damaged chunks) is not the series' content: it still stops the import.
      if (!(err instanceof AppError) || !SKIPPABLE.has(err.code)) throw err
      // The warning is prefixed with the file's name where it is reported: keep the HDF5 path and the reason.
      const reason =
        err.file && err.message.startsWith(`${err.file}: `) ? err.message.slice(err.file.length + 2) : err.message
      warnings.push(`${reason}; series "${e.name}" skipped (behaviour is not used by the fit)`)
    }
  }
  return out
}

const SKIPPABLE = new Set(['BAD_VALUE', 'SHAPE_MISMATCH', 'FIELD_MISSING'])
