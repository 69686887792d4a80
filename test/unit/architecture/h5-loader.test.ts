// One HDF5 layer: h5wasm is loaded (and its throwing error handler turned on) in io/h5/h5lib.ts only;
// every other module imports h5wasm for its types alone.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../../..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|svelte)$/.test(name) ? [p] : []
  })
}

describe('the h5wasm loader', () => {
  it('only src/main/io/h5/h5lib.ts loads h5wasm at run time', () => {
    const loaders = sources(join(root, 'src'))
      .filter((f) => {
        const text = readFileSync(f, 'utf8')
        return /import\(\s*['"]h5wasm/.test(text) || /^import\s+(?!type\b)[^'"]*from\s+['"]h5wasm/m.test(text)
      })
      .map((f) => relative(root, f))
    expect(loaders).toEqual(['src/main/io/h5/h5lib.ts'])
  })
})
