// No import circles between source files, type-only imports included: a circle means two modules are one
// concept split in two, or a shared type lives in the wrong file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../../..')
const src = join(root, 'src')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return name === 'as' ? [] : files(p) // AssemblyScript sources are not TS modules
    return /\.(ts|svelte)$/.test(name) ? [p] : []
  })
}

/** The source file an import specifier names (relative or @shared/), or null for packages. */
function target(from: string, spec: string): string | null {
  const base = spec.startsWith('@shared/')
    ? join(src, 'shared', spec.slice('@shared/'.length))
    : spec.startsWith('.')
      ? resolve(dirname(from), spec)
      : null
  if (base === null) return null
  return [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile()) ?? null
}

function edges(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '')
  const specs = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)
  ].map((m) => m[1] ?? m[2] ?? '')
  return specs.map((s) => target(file, s)).filter((t): t is string => t !== null)
}

/** Strongly connected components with more than one file (Tarjan), as repo-relative paths. */
function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string): void => {
    index.set(v, counter)
    low.set(v, counter++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const component: string[] = []
    let w: string
    do {
      w = stack.pop()!
      onStack.delete(w)
      component.push(relative(root, w))
    } while (w !== v)
    if (component.length > 1) found.push(component.sort())
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return found
}

describe('import graph', () => {
  const graph = new Map(files(src).map((f) => [f, edges(f)]))

  it('sees the source tree and its imports', () => {
    expect(graph.size).toBeGreaterThan(50)
    expect([...graph.values()].flat().length).toBeGreaterThan(graph.size)
  })

  it('has no circles (type-only imports count too)', () => {
    expect(circles(graph)).toEqual([])
  })
})
