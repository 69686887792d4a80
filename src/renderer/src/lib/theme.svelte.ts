// Light/dark theme following the OS (prefers-color-scheme); exposes the palette to canvas code reactively.
import { paletteFor, type Palette, type Scheme } from './palette'

const query = typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : null

let scheme = $state<Scheme>(query?.matches ? 'dark' : 'light')
query?.addEventListener('change', (e) => {
  scheme = e.matches ? 'dark' : 'light'
})

/** Reactive theme: read `theme.palette` inside an $effect to redraw canvases when the OS theme flips. */
export const theme = {
  get scheme(): Scheme {
    return scheme
  },
  get palette(): Palette {
    return paletteFor(scheme)
  }
}
