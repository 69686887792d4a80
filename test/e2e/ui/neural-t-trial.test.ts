// The neural-only T′trial beside the T′trial: the Fit view's held-out metrics show it with its data ceiling (a card
// and a dashed curve), the Library's run rows under the T′trial, Trial variability beside its T′trial, Compare runs
// as curves; the shipped example model carries it (its neurons near the ceiling, its full T′trial lower). Screenshots
// test-results/ui-fit-heldout-neural.png (the panel), ui-fit-neural.png, ui-compare-neural.png,
// ui-example-heldout-neural.png.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../harness'
import { pageErrors, useStudio } from './pages/session'

const ui = useStudio({
  example: true,
  viewport: { width: 1400, height: 900 },
  prepare: async ({ call }) => {
    const [dataset] = await call<{ id: string }[]>('datasets.list', {})
    const config = { model: { neuronsPerArea: 60 }, optim: { batchSize: 16, evalEvery: 5, checkpointEvery: 5 } }
    const run = await call<{ id: string }>('runs.start', {
      datasetId: dataset!.id,
      name: 'short fit',
      config,
      steps: 15
    })
    const t0 = Date.now()
    while (
      (await call<{ run: { status: string } }>('runs.get', { id: run.id, maxPoints: 2 })).run.status !== 'completed'
    ) {
      if (Date.now() - t0 > 240_000) throw new Error('the short fit did not complete in time')
      await new Promise((r) => setTimeout(r, 1000))
    }
  },
  timeoutMs: 400_000
})

describe('neural-only T′trial in the UI', () => {
  it('the Library shows it under the T′trial of each run', async () => {
    const { page, studio } = ui
    await studio.go('library')
    const fresh = page.locator('[data-testid=run-row]', { hasText: 'short fit' })
    await fresh.waitFor({ timeout: 30_000 })
    const line = /^\s*neurons only -?\d\.\d+ \(\d\.\d+\)\s*$/
    expect(await fresh.getByTestId('run-ttrial-neural').textContent()).toMatch(line)
    const shipped = page.locator('[data-testid=run-row]', { hasText: 'shipped with the app' })
    expect(await shipped.getByTestId('run-ttrial-neural').textContent()).toMatch(line)
  })

  it('the Fit view shows it with its ceiling beside the T′trial, and its curve over evaluations', async () => {
    const { page, studio } = ui
    await page
      .locator('[data-testid=run-row]', { hasText: 'short fit' })
      .getByRole('button', { name: 'Monitor' })
      .click()
    const card = page.getByTestId('card-ttrial-neural')
    await card.waitFor({ timeout: 60_000 })
    const value = Number(await card.getAttribute('data-value'))
    expect(Number.isFinite(value)).toBe(true)
    expect(await card.textContent()).toMatch(/T′trial r, neurons only.*data ceiling 0\.\d+/s)
    // T'trial r and its neurons-only curve, PSTH r
    await expect.poll(() => studio.seriesPaths('eval-figure'), { timeout: 30_000 }).toBe(3)
    await page.getByTestId('heldout-metrics').screenshot({ path: join(RESULTS_DIR, 'ui-fit-heldout-neural.png') })
    await studio.shot('ui-fit-neural')
  })

  it('Trial variability shows it beside the T′trial of the checkpoint', async () => {
    const { page, studio } = ui
    await studio.go('variability')
    await page.getByTestId('variability-summary').waitFor({ timeout: 180_000 })
    const card = page.getByTestId('ttrial-neural-value')
    expect(Number.isFinite(Number(await card.getAttribute('data-value')))).toBe(true)
    expect(await card.textContent()).toMatch(/data ceiling 0\.\d+/)
  })

  it('Compare runs plots it over evaluations, with its ceiling', async () => {
    const { page, studio } = ui
    await studio.go('compare')
    const fig = page.getByTestId('compare-t_trial_neural_pearson')
    await fig.waitFor({ timeout: 60_000 })
    expect(await studio.seriesPaths('compare-t_trial_neural_pearson')).toBeGreaterThanOrEqual(1)
    await studio.shot('ui-compare-neural')
  })

  it('the shipped example model: its neurons near the ceiling, its full T′trial (with the jaw) lower', async () => {
    const { page, studio } = ui
    await studio.go('library')
    await page
      .locator('[data-testid=run-row]', { hasText: 'shipped with the app' })
      .getByRole('button', { name: 'Monitor' })
      .click()
    const card = page.getByTestId('card-ttrial-neural')
    await card.waitFor({ timeout: 60_000 })
    const ceiling = async (testid: string): Promise<number> =>
      Number((await page.getByTestId(testid).locator('.ref').first().textContent())!.replace(/[^\d.]/g, ''))
    const ratio = async (testid: string): Promise<number> =>
      Number(await page.getByTestId(testid).getAttribute('data-value')) / (await ceiling(testid))
    expect(await ratio('card-ttrial-neural')).toBeGreaterThan(0.9)
    expect(await ratio('card-ttrial')).toBeLessThan(0.85)
    await page.getByTestId('heldout-metrics').screenshot({ path: join(RESULTS_DIR, 'ui-example-heldout-neural.png') })
    expect(pageErrors(ui)).toEqual([])
  })
})
