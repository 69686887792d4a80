// Colours of the exported figures: the UI's light scheme (printed figures are on white), from the one shared palette.
import { paletteFor } from '@shared/palette'

const light = paletteFor('light')

/** Semantic colours of the CLI's SVG figures. */
export const figurePalette = {
  recorded: light.recorded,
  generated: light.generated,
  outcome: { Hit: light.Hit, Miss: light.Miss, CR: light.CR, FA: light.FA } as Record<string, string>,
  series: light.series,
  ink: light.ink,
  grid: light.grid,
  muted: light.muted
}
