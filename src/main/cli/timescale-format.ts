// Text lines of a dataset's ceilings by smoothing width and the suggested time scale (import report, `show`).
import type { DatasetDetail } from '@shared/contract/datasets-methods'

const num = (x: number | null): string => (x === null ? '   -' : x.toFixed(2).padStart(5))

export function timescaleLines(d: Pick<DatasetDetail, 'ceilings_by_smoothing' | 'timescale'>): string[] {
  const ladder = d.ceilings_by_smoothing
  if (!ladder || ladder.length === 0) return []
  const lines = ['  data ceilings by smoothing (split-half):  smoothing  T′trial  PSTH r']
  for (const p of ladder)
    lines.push(`${' '.repeat(42)}${`${p.filter_ms} ms`.padStart(9)}  ${num(p.t_trial)}  ${num(p.psth_r)}`)
  if (d.timescale) lines.push(`  suggested time scale: ${d.timescale.reason}`)
  return lines
}
