// The model's causal prediction on the bundled two-area example after a short fit: silencing area 2 (the area that
// responds only on Hit trials, and drives the jaw) during the response window lowers the Hit rate; silencing area 1
// before the stimulus changes it much less. Measured over 4 fit seeds before asserting (20 steps, 100 trials ×
// 3 seeds): Δ Hit area 2 response −0.38, −0.32, −0.32, −0.34 (95 % intervals all below −0.26); area 1 baseline
// −0.010, −0.017, −0.010, +0.003. The assertions leave wide margins around these.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { resolveFitConfig } from '@shared/domain/model-config'
import { experimentRequestSchema } from '@shared/domain/perturbation-experiment'
import * as io from '../../../src/main/io/index'
import { createContainer } from '../../../src/main/services/container'
import { perturbationsServiceOf } from '../../../src/main/services/perturbations/domain'
import { fittedRun } from '../export/fitted-run'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-silencing-it-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('in-silico silencing on the bundled example', () => {
  it('area 2 in the response window lowers the Hit rate; area 1 at baseline changes it less', async () => {
    const exdir = resolve(__dirname, '../../../resources/example')
    const files = readdirSync(exdir)
      .filter((f) => f.endsWith('.nwb'))
      .sort()
      .map((f) => join(exdir, f))
    const c = await createContainer({ dataDir: join(dir, 'store'), mode: 'cli', io, appRoot: dir })
    try {
      const mapping = io.generateExample({ sessions: 1, trialsPerSession: 4, unitsPerSession: 4 }).mapping
      const ds = await c.datasets.import({ files, name: 'example', mapping })
      const config = resolveFitConfig({
        model: { neuronsPerArea: 60 },
        optim: { batchSize: 32, seed: 1, heldOutFraction: 0.25 }
      })
      const runId = await fittedRun(c, ds.dataset.id, 20, config)
      const { result } = await perturbationsServiceOf(c.domains).run(
        experimentRequestSchema.parse({
          runId,
          threads: 1,
          nTrials: 100,
          seeds: 3,
          conditions: [
            { label: 'area2 response', perturbations: [{ areas: ['area2'], window: [0.2, 0.4] }] },
            { label: 'area1 baseline', perturbations: [{ areas: ['area1'], window: [-0.1, 0] }] }
          ]
        })
      )
      const [a2, a1] = result.conditions
      expect(result.control.hitRate).toBeGreaterThan(0.3)
      expect(a2!.deltaHitRate).toBeLessThan(-0.1)
      expect(a2!.deltaHitRateCi95[1]).toBeLessThan(0)
      expect(a2!.perturbed.hitRate).toBeLessThan(result.control.hitRate)
      expect(Math.abs(a1!.deltaHitRate)).toBeLessThan(0.5 * Math.abs(a2!.deltaHitRate))
      // the light silences: area 2's excitatory rate drops inside the window
      expect(a2!.deltaAreaRateHz['area2']).toBeLessThan(0)
    } finally {
      await c.close()
    }
  }, 600_000)
})
