// First start on a fresh store: the bundled example is imported with its shipped fitted model, so Trial
// variability, Behaviour and Connectivity show a well-fitted model at once, and the Fit view offers to fit it again.
// Screenshots test-results/ui-example-*.png (the README's Trial variability, Behaviour and Connectivity pictures).
import { describe, expect, it } from 'vitest'
import { rpc } from '../harness'
import { pageErrors, useStudio } from './pages/session'

const SHIPPED = 'Example model (shipped with the app)'
const ui = useStudio({ example: true, viewport: { width: 1400, height: 900 } })

describe('the shipped example model on first start', () => {
  let heldOut = { t: NaN, ceiling: NaN }

  it('is a completed run of the example dataset, listed in the Library', async () => {
    const { page, server } = ui
    expect(server.logs.join('')).toMatch(/Loaded the shipped example model as run \S+/)
    const runs = await rpc(server, 'runs.list', {})
    if (!runs.ok) throw new Error(runs.error.message)
    const list = runs.value as { name: string; status: string; metrics: Record<string, number> | null }[]
    expect(list.map((r) => [r.name, r.status])).toEqual([[SHIPPED, 'completed']])
    heldOut = { t: list[0]!.metrics!['t_trial_pearson']!, ceiling: list[0]!.metrics!['t_trial_pearson_ceiling']! }
    expect(heldOut.t / heldOut.ceiling).toBeGreaterThan(0.7)
    const row = page.getByTestId('run-row')
    await row.waitFor({ timeout: 30_000 })
    expect(await row.textContent()).toContain(SHIPPED)
  })

  it('shows its trial variability at once: T′trial near the data ceiling, matched trials, PCA', async () => {
    const { page, studio } = ui
    await studio.go('variability')
    await page.getByTestId('variability-summary').waitFor({ timeout: 180_000 })
    const t = Number(await page.getByTestId('ttrial-value').getAttribute('data-value'))
    // The view simulates a fresh batch of trials: close to the stored held-out figure, not bit-equal.
    expect(t).toBeGreaterThan(0.7 * heldOut.ceiling)
    expect(await page.getByTestId('area-traces').count()).toBe(2)
    expect(await studio.figure('feature-histograms').locator('g.hist rect').count()).toBeGreaterThan(4)
    await studio.shot('ui-example-variability')
  })

  it('shows its behaviour and connectivity', async () => {
    const { studio } = ui
    await studio.go('behaviour')
    await studio.figure('trial-type-mix').waitFor({ timeout: 180_000 })
    const mix = (group: string): Promise<string | null> =>
      studio
        .figure('trial-type-mix')
        .locator(`g.bar[data-group=${group}][data-category=Hit]`)
        .getAttribute('data-value')
    // The example's Hit rate is 0.8; a fitted model generates mostly Hits too.
    expect(Number(await mix('generated'))).toBeGreaterThan(0.5)
    expect(await studio.seriesPaths('jaw-means')).toBeGreaterThanOrEqual(2)
    await studio.shot('ui-example-behaviour')
    await studio.go('connectivity')
    await studio.figure('conn-exc').locator('g.cell').first().waitFor({ timeout: 120_000 })
    expect(await studio.figure('conn-exc').locator('g.cell').count()).toBe(4)
    await studio.shot('ui-example-connectivity')
  })

  it('says in the Fit view what it is, and fits it again on request', async () => {
    const { page, studio } = ui
    await studio.go('fit')
    const note = page.getByTestId('example-model-note')
    await note.waitFor({ timeout: 30_000 })
    expect(await note.textContent()).toMatch(/Made by npm run make-example -- --with-model: \d+ steps, seed \d+/)
    await studio.shot('ui-example-fit')
    await page.getByTestId('fit-again').click()
    await expect
      .poll(() => page.getByTestId('run-monitor').locator('h3').textContent(), { timeout: 60_000 })
      .toBe('Example model, fitted again')
    expect(await page.getByTestId('example-model-note').count()).toBe(0)
    await page.getByTestId('fit-cancel').click()
    await expect
      .poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 })
      .toMatch(/cancelled|completed/)
    expect(pageErrors(ui)).toEqual([])
  })
})
