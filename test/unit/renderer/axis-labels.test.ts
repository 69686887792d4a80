// A log axis says so once: Axis.svelte appends ", log scale" to the title of every log axis, so no chart's own axis
// label may spell it (the Data explorer's ceilings figure once read "Loss smoothing (ms, log scale), log scale").
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../../../src/renderer/src')

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : []
  )
}

describe('axis labels', () => {
  it('Axis.svelte marks log axes itself', () => {
    expect(readFileSync(join(root, 'charts/Axis.svelte'), 'utf8')).toContain('`${label}, log scale`')
  })
  it('no chart label spells "log scale" (the axis adds it)', () => {
    const offenders = svelteFiles(root).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/[xy]Label=["{][^"}]*log scale/g)].map((m) => `${f}: ${m[0]}`)
    )
    expect(offenders).toEqual([])
  })
})
