// Okabe–Ito colours of the exported figures: the light-scheme values of src/renderer/src/lib/palette.ts, restated
// here because main may not import renderer code (style.md B3). Keep the two in step.

export const okabeIto = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7'
} as const

/** Semantic colours (light scheme, as printed figures are on white). */
export const figurePalette = {
  recorded: okabeIto.blue,
  generated: okabeIto.vermillion,
  outcome: { Hit: okabeIto.green, Miss: okabeIto.orange, CR: okabeIto.blue, FA: okabeIto.purple } as Record<string, string>,
  series: [okabeIto.blue, okabeIto.orange, okabeIto.green, okabeIto.purple, okabeIto.vermillion, okabeIto.skyBlue],
  ink: '#1a1a1a',
  grid: '#e3e5e8',
  muted: '#5d6670'
}
