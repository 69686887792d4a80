// A fit stopped early says why in the Fit monitor: the held-out T′trial had not improved for its patience, and where
// its best checkpoint is; the views' checkpoint menu names the best by the same metric (screenshot
// test-results/ui-fit-early-stop.png).
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest'
import { useStudio } from './pages/session'

let bestStep = 0

const ui = useStudio({
  example: true,
  viewport: { width: 1300, height: 900 },
  prepare: async ({ call }) => {
    const [dataset] = await call<{ id: string }[]>('datasets.list', {})
    // patience 1: the first evaluation without a higher held-out T'trial ends it, long before the step target
    const config = {
      model: { neuronsPerArea: 60 },
      optim: { batchSize: 6, evalEvery: 2, checkpointEvery: 2, earlyStopPatience: 1 }
    }
    const run = await call<{ id: string }>('runs.start', { datasetId: dataset!.id, name: 'early', config, steps: 400 })
    const t0 = Date.now()
    for (;;) {
      const { run: r } = await call<{ run: { status: string; bestStep: number | null } }>('runs.get', {
        id: run.id,
        maxPoints: 2
      })
      if (r.status === 'completed') {
        bestStep = r.bestStep ?? -1
        break
      }
      if (Date.now() - t0 > 240_000) throw new Error('the early-stopping fit did not end in time')
      await new Promise((res) => setTimeout(res, 1000))
    }
  },
  timeoutMs: 600_000
})

describe('a fit stopped early', () => {
  it('says in the Fit monitor that the held-out T′trial had stopped improving, and where the best is', async () => {
    const { page, studio, errors } = ui
    await studio.go('library')
    await page.locator('[data-testid=run-row]', { hasText: 'early' }).getByRole('button', { name: 'Monitor' }).click()
    const stop = page.getByTestId('run-monitor').getByTestId('stop-reason')
    await stop.waitFor({ timeout: 30_000 })
    expect(bestStep).toBeGreaterThan(0)
    expect(await stop.textContent()).toBe(
      `Stopped early at step ${bestStep + 2} of 400: the held-out T′trial had not improved for 1 evaluation ` +
        `(best at step ${bestStep}).`
    )
    await studio.shot('ui-fit-early-stop')
    expect(errors).toEqual([])
  })
})
