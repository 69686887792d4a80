// What the import keeps of the trials table besides outcome and alignment: the task's other per-trial events (go cue,
// response, reward…, relative to the alignment event) and categorical columns to group trials by; and the window
// guessed from those events (from the alignment event to after the last of them, within limits).
import { defaultBinning, type Binning } from '@shared/domain/dataset'
import { median } from '@shared/domain/trial-groups'
import type { RawSession, RawTrials } from './raw'

/** A categorical column has 2 to this many distinct values among the kept trials. */
export const MAX_GROUP_VALUES = 12
/** At most this many columns of each kind are kept (a table with hundreds of columns stays small in the store). */
const MAX_KEPT_COLUMNS = 20
/** The guessed window ends this long after the latest event (s), rounded up to 0.1 s… */
const EVENT_MARGIN_S = 0.3
/** …and no later than this after the alignment event (s): longer windows cost memory and fit time per trial. */
export const MAX_GUESSED_STOP_S = 4
/** One-hot outcome columns (HitIndices…) repeat the outcome: not offered as groups. */
const ONE_HOT = /^(hit|miss|cr|fa)(_?indices|_?trials?)?$/i
const NOT_GROUPS = new Set(['start_time', 'stop_time', 'id', 'source_index', 'align_time'])

/** Column names the layout can store as HDF5 link names. */
const storable = (name: string): boolean => name !== '' && !name.includes('/') && name !== '.' && name !== '..'

/** The trials table's event-time columns other than trial start and the alignment column. */
export function taskEventColumns(trials: RawTrials, alignColumn: string): string[] {
  return trials.timeColumns
    .filter((c) => c !== 'start_time' && c !== alignColumn && storable(c))
    .filter((c) => trials.columns[c] instanceof Float64Array)
    .sort()
    .slice(0, MAX_KEPT_COLUMNS)
}

/** Each task event of the kept trials (source rows `rows`), s from that trial's alignment time; NaN where absent. */
export function relativeTaskEvents(
  trials: RawTrials,
  alignColumn: string,
  rows: readonly number[],
  alignTimes: ArrayLike<number>
): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {}
  for (const name of taskEventColumns(trials, alignColumn)) {
    const col = trials.columns[name] as Float64Array
    const rel = Float64Array.from(rows, (k, i) => (col[k] as number) - (alignTimes[i] as number))
    if (rel.some(Number.isFinite)) out[name] = rel
  }
  return out
}

/** Text of a cell: numbers as written ("2", "0.5"), missing numbers as "n/a". */
const cellText = (v: number): string => (Number.isFinite(v) ? String(v) : 'n/a')

/**
 * Categorical columns of the kept trials (source rows `rows`): text columns, and numeric columns of whole numbers,
 * with 2..MAX_GROUP_VALUES distinct values; never event times, the outcome column(s) or one-hot outcome flags.
 */
export function categoricalColumns(
  trials: RawTrials,
  rows: readonly number[],
  exclude: readonly string[]
): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  const skip = new Set([...NOT_GROUPS, ...trials.timeColumns, ...exclude])
  for (const [name, col] of Object.entries(trials.columns)) {
    if (Object.keys(out).length >= MAX_KEPT_COLUMNS) break
    if (skip.has(name) || ONE_HOT.test(name) || !storable(name)) continue
    let values: string[]
    if (Array.isArray(col)) values = rows.map((k) => col[k] ?? '')
    else {
      if (rows.some((k) => Number.isFinite(col[k]) && !Number.isInteger(col[k]))) continue
      values = rows.map((k) => cellText(col[k] as number))
    }
    const n = new Set(values).size
    if (n >= 2 && n <= MAX_GROUP_VALUES) out[name] = values
  }
  return out
}

/** Rounds up to a tenth of a second, without float fuzz (1.2000000001 → 1.3 only when it really is above 1.2). */
const ceilTenth = (s: number): number => Math.ceil(Math.round(s * 1e6) / 1e5) / 10

/**
 * The window guessed for trials aligned to `alignColumn`: the base window (the file's suggestion or the default),
 * its end moved to EVENT_MARGIN_S after the latest task event (each event's median time over the trials), at most
 * MAX_GUESSED_STOP_S after the alignment event. Events before the alignment event leave the start alone.
 */
export function guessWindow(sessions: RawSession[], alignColumn: string, base: Binning = defaultBinning): Binning {
  let latest = -Infinity
  for (const s of sessions) {
    const t = s.trials
    const align = t?.columns[alignColumn]
    if (!t || !(align instanceof Float64Array)) continue
    const rows = Array.from({ length: t.n }, (_, k) => k)
    for (const rel of Object.values(relativeTaskEvents(t, alignColumn, rows, align)))
      latest = Math.max(latest, median(rel))
  }
  if (!Number.isFinite(latest)) return base
  const stop = Math.min(MAX_GUESSED_STOP_S, Math.max(base.stop, ceilTenth(latest + EVENT_MARGIN_S)))
  return { ...base, stop }
}

/**
 * Warnings for the task events that fall outside the window in some trials (s from the alignment event): what the
 * preview says when the window does not cover the task, naming the event, how many trials, and its median time.
 */
export function eventsOutsideWindow(
  session: string,
  events: Record<string, Float64Array>,
  window: Pick<Binning, 'start' | 'stop'>
): string[] {
  const out: string[] = []
  for (const name of Object.keys(events).sort()) {
    const rel = events[name]!
    let n = 0
    let outside = 0
    for (const t of rel) {
      if (!Number.isFinite(t)) continue
      n++
      if (t < window.start || t > window.stop) outside++
    }
    if (outside === 0) continue
    const m = median(rel)
    out.push(
      `${session}: ${name} falls outside the window ${window.start}–${window.stop} s in ${outside} of ${n} trials (median ${m.toFixed(3)} s from the alignment event): widen the window to see it`
    )
  }
  return out
}
