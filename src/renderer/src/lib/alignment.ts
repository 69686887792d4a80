// Names the event trials are aligned to, for axes ("Time from pole in (ms)") and reference lines, from the trials
// column the import used; datasets imported before the column was recorded say "the alignment event".

/** "pole_in_time" → "pole in", "start_time" → "trial start"; undefined → "alignment event". */
export function alignmentName(column: string | undefined): string {
  if (!column) return 'alignment event'
  if (column === 'start_time') return 'trial start'
  const words = column
    .replace(/_?times?$/i, '')
    .replace(/[_-]+/g, ' ')
    .trim()
  return words || column
}

/** The time axis of a figure aligned to that column, in ms. */
export function timeAxisLabel(column: string | undefined): string {
  return `Time from ${alignmentName(column)} (ms)`
}
