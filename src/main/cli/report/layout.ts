// Layout of the report's figures: their width and margins, px (the connectivity figure lays out its own).

export const FIGURE_WIDTH = 640
export const MARGIN = { left: 64, right: 20, top: 48, bottom: 44 }
/** Top of the first panel in multi-panel figures: below the legend and the panel title. */
export const PANEL_TOP = 72
