// NWB trials table (TimeIntervals) → RawTrials: every plain column, event times made absolute.
import type { File as H5File, Group } from 'h5wasm'
import { binningSchema, type Binning } from '@shared/domain/dataset'
import { attrValue } from '../h5/read'
import { AppError } from '@shared/contract/errors'
import type { Column, RawTrials } from '../raw'
import { buildTrials } from '../trial-columns'
import { baseName, type TypedGroup } from './detect'
import { openTable, readPlainColumn, requireNumberColumn } from './table'

/** `/intervals/trials`, else any TimeIntervals group named "trials"; null when the file has no trials table. */
export function findTrialsTable(groups: TypedGroup[]): string | null {
  const ti = groups.filter((g) => g.type === 'TimeIntervals' && baseName(g.path) === 'trials')
  return (ti.find((g) => g.path === '/intervals/trials') ?? ti[0])?.path ?? null
}

/** Reads the trials table. Start times must be finite; stop_time may be all NaN (old NWB files). */
export function readTrials(f: H5File, path: string): RawTrials {
  const t = openTable(f, path)
  const start = requireNumberColumn(t, 'start_time')
  const bad = start.findIndex((v) => !Number.isFinite(v))
  if (bad >= 0) {
    throw new AppError('BAD_VALUE', `start_time of trial row ${bad} is ${start[bad]}`, {
      file: f.filename,
      field: `${path}/start_time`
    })
  }
  const columns: Record<string, Column> = {}
  for (const c of t.columns) {
    if (c === 'start_time') continue
    const col = readPlainColumn(t, c)
    if (col) columns[c] = col
  }
  const trials = buildTrials(path, start, columns)
  const hint = binningHint(t.group)
  if (hint) trials.binningHint = hint
  return trials
}

/** Optional `rsnn_binning` = [dt, start, stop] (s) attribute on the trials table: the file's suggested binning. */
function binningHint(g: Group): Binning | undefined {
  const v = attrValue(g, 'rsnn_binning')
  if (!ArrayBuffer.isView(v) && !Array.isArray(v)) return undefined
  const [dt, start, stop] = Array.from(v as ArrayLike<number>, Number)
  const parsed = binningSchema.safeParse({ dt, start, stop })
  return parsed.success && parsed.data.stop > parsed.data.start ? parsed.data : undefined
}
