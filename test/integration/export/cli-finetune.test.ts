// Built CLI, end to end: fit → export --model → import-model → resume both runs by the same steps: the
// imported run continues exactly like the original (same held-out metrics after fine-tuning).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, ensureBuilt, importExample, lastJson, writeTinyConfig } from '../runs/cli-helpers'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-finetune-'))
const store = join(dir, 'store')
beforeAll(() => ensureBuilt())
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface FitResult {
  run: string
  steps: number
  metrics: Record<string, unknown>
}

describe('npm run rsnn -- export / import-model / resume', () => {
  it('fine-tunes an imported model exactly like the original run', async () => {
    const dataset = await importExample(store)
    const config = writeTinyConfig(dir)
    const fit = await cli(['fit', dataset, '--config', config, '--steps', '2', '--json', '--store', store])
    expect(fit.code, fit.stderr).toBe(0)
    const original = lastJson<FitResult>(fit).run
    const model = join(dir, 'model.h5')
    const exp = await cli(['export', original, '--model', model, '--checkpoint', 'last', '--store', store])
    expect(exp.code, exp.stderr).toBe(0)
    const imp = await cli(['import-model', model, '--json', '--store', store])
    expect(imp.code, imp.stderr).toBe(0)
    const copy = lastJson<{ runId: string; step: number }>(imp)
    expect(copy.step).toBe(2)
    const a = await cli(['resume', original, '--steps', '4', '--json', '--store', store])
    const b = await cli(['resume', copy.runId, '--steps', '4', '--json', '--store', store])
    expect(a.code, a.stderr).toBe(0)
    expect(b.code, b.stderr).toBe(0)
    const ra = lastJson<FitResult>(a)
    const rb = lastJson<FitResult>(b)
    expect(rb.steps).toBe(4)
    expect(typeof ra.metrics['eval_loss']).toBe('number')
    expect(rb.metrics).toEqual(ra.metrics)
  })
})
