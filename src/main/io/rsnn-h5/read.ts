// Reads the app's own HDF5 layout back into SessionData[], checking every path, dtype and shape on the way.
import type { File as H5File } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import {
  binCount,
  binningSchema,
  outcomes,
  unitTypes,
  type Outcome,
  type SessionData,
  type UnitType
} from '@shared/domain/dataset'
import { withH5 } from '../h5/h5lib'
import { maxReadBytes } from '../h5/read-budget'
import {
  attrNumber,
  attrString,
  datasetValue,
  getNode,
  isDataset,
  isGroup,
  readNumbers,
  readStrings,
  requireDataset,
  requireGroup
} from '../h5/read'
import { binSpikes, firingRateHz } from '../binning'
import { splitRagged } from '../nwb/ragged'
import { RSNN_FORMAT, RSNN_FORMAT_ATTR, RSNN_FORMAT_VERSION, sessionGroup, type SessionsMeta } from './layout'

function fail(
  code: 'FIELD_MISSING' | 'SHAPE_MISMATCH' | 'BAD_VALUE' | 'FORMAT_UNSUPPORTED',
  f: H5File,
  field: string,
  msg: string
): AppError {
  return new AppError(code, msg, { file: f.filename, field })
}

function lengthOf(f: H5File, path: string, values: { length: number }, n: number): void {
  if (values.length !== n) throw fail('SHAPE_MISMATCH', f, path, `has ${values.length} values, expected ${n}`)
}

function enumValues<T extends string>(f: H5File, path: string, allowed: readonly T[]): T[] {
  return readStrings(f, path).map((v, i) => {
    if (!(allowed as readonly string[]).includes(v)) {
      throw fail('BAD_VALUE', f, path, `value "${v}" at row ${i} is not one of ${allowed.join(', ')}`)
    }
    return v as T
  })
}

/**
 * Largest binned array (bytes) a read holds whole: above it (or above the per-read cap, RSNN_MAX_READ_BYTES), the
 * session comes without `spikes` and its counts are binned from the spike times where used. Large enough for every
 * dataset but Neuropixels-sized sessions (the example: 13 MB; 1,000 units × 2,000 trials at 2 ms: 1.4 GB).
 */
export const WHOLE_BINNED_MAX_BYTES = 256 * 1024 ** 2

function wholeBinnedBytes(): number {
  return Math.min(WHOLE_BINNED_MAX_BYTES, maxReadBytes())
}

function readSession(f: H5File, i: number): SessionData {
  const gp = sessionGroup(i)
  const g = requireGroup(f, gp)
  const num = (name: string): number => {
    const v = attrNumber(g, name)
    if (v === undefined) throw fail('FIELD_MISSING', f, `${gp}/@${name}`, 'attribute missing')
    return v
  }
  const parsed = binningSchema.safeParse({ dt: num('dt'), start: num('window_start'), stop: num('window_stop') })
  if (!parsed.success || parsed.data.stop <= parsed.data.start) {
    throw fail('BAD_VALUE', f, `${gp}/@dt`, 'binning needs 0 < dt ≤ 0.1 s and window_start < window_stop')
  }
  const binning = parsed.data
  const T = binCount(binning)
  const ids = readNumbers(f, `${gp}/units/source_id`)
  const U = ids.length
  const area = readStrings(f, `${gp}/units/area`)
  lengthOf(f, `${gp}/units/area`, area, U)
  const typePath = `${gp}/units/type`
  const types: UnitType[] = isDataset(getNode(f, typePath))
    ? enumValues(f, typePath, unitTypes)
    : Array<UnitType>(U).fill('unknown')
  lengthOf(f, typePath, types, U)
  const stPath = `${gp}/units/spike_times`
  const trains = splitRagged(readNumbers(f, stPath), readNumbers(f, `${stPath}_index`), {
    file: f.filename,
    field: `${stPath}_index`,
    dataPath: stPath
  })
  lengthOf(f, `${stPath}_index`, trains, U)
  const ratePath = `${gp}/units/firing_rate_hz`
  const rates = isDataset(getNode(f, ratePath))
    ? readNumbers(f, ratePath)
    : Float64Array.from(trains, (st) => firingRateHz(st))
  lengthOf(f, ratePath, rates, U)
  const align = readNumbers(f, `${gp}/trials/align_time`)
  const K = align.length
  const outcome = enumValues<Outcome>(f, `${gp}/trials/outcome`, outcomes)
  lengthOf(f, `${gp}/trials/outcome`, outcome, K)
  const stimPath = `${gp}/trials/stimulus`
  const stimulus = isDataset(getNode(f, stimPath)) ? readNumbers(f, stimPath) : new Float64Array(K).fill(1)
  lengthOf(f, stimPath, stimulus, K)
  const srcPath = `${gp}/trials/source_index`
  const source = isDataset(getNode(f, srcPath))
    ? readNumbers(f, srcPath)
    : Float64Array.from({ length: K }, (_, k) => k)
  lengthOf(f, srcPath, source, K)
  const pertPath = `${gp}/trials/perturbation`
  const perturbation = isDataset(getNode(f, pertPath)) ? readStrings(f, pertPath) : null
  if (perturbation) lengthOf(f, pertPath, perturbation, K)
  const taskEvents = optionalColumns(f, `${gp}/trials/events`, K, (p) => readNumbers(f, p))
  const trialGroups = optionalColumns(f, `${gp}/trials/groups`, K, (p) => readStrings(f, p))
  // The binned array is held whole only when small; a larger one (1.4 GB for 1,000 units × 2,000 trials at 2 ms) is
  // left in the file and each consumer bins the trials and units it uses from the spike times (io/trial-counts.ts),
  // which is how the array was made. Its declared shape is still checked.
  const whole = K * T * U <= wholeBinnedBytes()
  let spikes: Uint8Array | undefined
  if (isDataset(getNode(f, `${gp}/spikes`))) {
    const d = requireDataset(f, `${gp}/spikes`)
    const shape = d.shape ?? []
    if (shape.length !== 3 || shape[0] !== K || shape[1] !== T || shape[2] !== U) {
      throw fail(
        'SHAPE_MISMATCH',
        f,
        d.path,
        `shape [${shape.join(', ')}] should be [trials ${K}, bins ${T}, units ${U}]`
      )
    }
    if (d.dtype !== '<B') throw fail('BAD_VALUE', f, d.path, `dtype ${JSON.stringify(d.dtype)} should be uint8`)
    if (whole) spikes = datasetValue(f, d) as Uint8Array
  } else if (whole) {
    // Labs may leave the binned array out: it is computed from the spike times.
    spikes = binSpikes(trains, align, binning)
  }
  const behaviour: Record<string, Float32Array> = {}
  const bg = getNode(f, `${gp}/behaviour`)
  if (isGroup(bg)) {
    for (const name of bg.keys()) {
      const p = `${gp}/behaviour/${name}`
      const d = requireDataset(f, p)
      const v = Float32Array.from(readNumbers(f, p))
      if (v.length !== K * T)
        throw fail('SHAPE_MISMATCH', f, p, `shape [${(d.shape ?? []).join(', ')}] should be [trials ${K}, bins ${T}]`)
      behaviour[name] = v
    }
  }
  return {
    name: attrString(g, 'name') ?? `session ${i + 1}`,
    sourceFile: attrString(g, 'source_file') ?? f.filename,
    units: Array.from(ids, (id, u) => ({
      sourceId: id,
      area: area[u] as string,
      type: types[u] as UnitType,
      firingRateHz: rates[u] as number
    })),
    trials: Array.from(align, (a, k) => ({
      sourceIndex: source[k] as number,
      outcome: outcome[k] as Outcome,
      stimulus: stimulus[k] as number,
      alignTime: a,
      ...(perturbation?.[k] ? { perturbation: perturbation[k] } : {})
    })),
    binning,
    nBins: T,
    ...(spikes ? { spikes } : {}),
    // Views on the one array read (no copy: 400 MB for 50 M spikes); a worker moves it whole to its host.
    spikeTimes: trains,
    behaviour,
    ...(taskEvents ? { taskEvents } : {}),
    ...(trialGroups ? { trialGroups } : {})
  }
}

/** One value per trial for each dataset of an optional group (trials/events, trials/groups); absent: undefined. */
function optionalColumns<V extends { length: number }>(
  f: H5File,
  path: string,
  K: number,
  read: (path: string) => V
): Record<string, V> | undefined {
  const g = getNode(f, path)
  if (!isGroup(g)) return undefined
  const out: Record<string, V> = {}
  for (const name of g.keys()) {
    const v = read(`${path}/${name}`)
    lengthOf(f, `${path}/${name}`, v, K)
    out[name] = v
  }
  return Object.keys(out).length ? out : undefined
}

/** Checks the root marker and version; returns the number of sessions. */
export function checkLayout(f: H5File): number {
  const root = requireGroup(f, '/')
  if (attrString(root, RSNN_FORMAT_ATTR) !== RSNN_FORMAT) {
    throw fail(
      'FORMAT_UNSUPPORTED',
      f,
      `/@${RSNN_FORMAT_ATTR}`,
      `not an RSNN Studio sessions file (expected "${RSNN_FORMAT}")`
    )
  }
  const version = attrNumber(root, 'format_version') ?? 1
  if (version > RSNN_FORMAT_VERSION) {
    throw fail(
      'FORMAT_UNSUPPORTED',
      f,
      '/@format_version',
      `layout version ${version} is newer than this app reads (${RSNN_FORMAT_VERSION})`
    )
  }
  const sessions = requireGroup(f, '/sessions')
    .keys()
    .filter((k) => /^s\d{3,}$/.test(k))
  if (sessions.length === 0) throw fail('FIELD_MISSING', f, '/sessions', 'no session groups (s000, s001, …)')
  return sessions.length
}

/** Reads sessions from an open file in the layout. */
export function readSessionsOpen(f: H5File): SessionData[] {
  const n = checkLayout(f)
  return Array.from({ length: n }, (_, i) => readSession(f, i))
}

/** Reads every session of an RSNN Studio HDF5 file (see docs/data-formats.md). */
export function readSessionsH5(path: string): Promise<SessionData[]> {
  return withH5(path, (f) => readSessionsOpen(f))
}

/** The metadata written with the sessions ({} when absent or unreadable JSON). */
export function readSessionsMeta(path: string): Promise<SessionsMeta> {
  return withH5(path, (f) => {
    const raw = attrString(requireGroup(f, '/'), 'meta_json')
    try {
      return raw ? (JSON.parse(raw) as SessionsMeta) : {}
    } catch {
      return {}
    }
  })
}
