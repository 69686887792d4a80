// The neural-only T′trial beside the T′trial: the Fit view's held-out metrics show it with its data ceiling (a card
// and a dashed curve), the Library's run row under the T′trial; a run stored before it (the shipped example model)
// shows "—" and no row line. Screenshots test-results/ui-fit-heldout-neural.png (the panel) and ui-fit-neural.png.
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
  it('the Library shows it under the T′trial of a new run, not for a run stored before it', async () => {
    const { page, studio } = ui
    await studio.go('library')
    const fresh = page.locator('[data-testid=run-row]', { hasText: 'short fit' })
    await fresh.waitFor({ timeout: 30_000 })
    expect(await fresh.getByTestId('run-ttrial-neural').textContent()).toMatch(
      /^\s*neurons only -?\d\.\d+ \(\d\.\d+\)\s*$/
    )
    const shipped = page.locator('[data-testid=run-row]', { hasText: 'shipped with the app' })
    expect(await shipped.getByTestId('run-ttrial-neural').count()).toBe(0)
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

  it('the shipped example model, stored before it, shows "—" for it', async () => {
    const { page, studio } = ui
    await studio.go('library')
    await page
      .locator('[data-testid=run-row]', { hasText: 'shipped with the app' })
      .getByRole('button', { name: 'Monitor' })
      .click()
    const card = page.getByTestId('card-ttrial-neural')
    await card.waitFor({ timeout: 60_000 })
    await expect.poll(() => card.locator('.value').textContent(), { timeout: 30_000 }).toMatch(/^\s*—\s*$/)
    expect(Number.isFinite(Number(await page.getByTestId('card-ttrial').getAttribute('data-value')))).toBe(true)
    expect(pageErrors(ui)).toEqual([])
  })
})
