// The Perturbations view end to end in browser mode: on a small fitted run of the example dataset with planted
// recorded opto trials, run one condition from the trial timeline (mix, jaw and rate-change figures), the
// area × window grid with the recorded perturbations (both heatmaps and the comparison), cancel a long one,
// reopen a stored experiment, export a heatmap; then the Connectivity view's input currents per task period, Hit vs
// Miss, on the same run. Screenshots in test-results/ui-perturbations*.png and ui-connectivity-input-currents.png.
// page.evaluate callbacks run in the browser, hence the DOM types:
/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { resolveFitConfig } from '@shared/domain/model-config'
import * as io from '../../../src/main/io/index'
import { writeNwb } from '../../../src/main/io/nwb/write-nwb'
import { pageErrors, useStudio, type StudioSession } from './pages/session'

const EXAMPLE = { seed: 3, sessions: 2, unitsPerSession: 12, trialsPerSession: 24 }
/** Trial k of a session is lit in area 2 late when k % 6 = 0 (and then a Miss), in area 1 at baseline when k % 6 = 3. */
const opto = (k: number): string => (k % 6 === 0 ? 'light_A2_late' : k % 6 === 3 ? 'light_A1_base' : '0')

const dir = mkdtempSync(join(tmpdir(), 'rsnn-e2e-perturb-'))

/** The example with the planted opto trials, imported, and a 3-step fit of it. */
async function importAndFit({ call }: StudioSession): Promise<void> {
  const ex = io.generateExample(EXAMPLE)
  const files: string[] = []
  for (const s of ex.nwb) {
    const cols = s.trials!.columns
    const n = s.trials!.start.length
    cols['opto'] = { data: Array.from({ length: n }, (_, k) => opto(k)), description: 'optogenetic light condition' }
    const outcome = cols['outcome']!.data as string[]
    for (let k = 0; k < n; k++) if (opto(k) === 'light_A2_late') outcome[k] = 'Miss'
    const file = join(dir, `${s.identifier}.nwb`)
    await writeNwb(file, s)
    files.push(file)
  }
  const mapping = {
    ...ex.mapping,
    perturbationColumn: 'opto',
    perturbationMap: {
      light_A2_late: { areas: ['area2'], window: [0.2, 0.4] },
      light_A1_base: { areas: ['area1'], window: [-0.1, 0] }
    }
  }
  const imported = await call<{ dataset: { id: string } }>('datasets.import', { files, name: 'opto example', mapping })
  const config = resolveFitConfig({
    model: { neuronsPerArea: 12, nInputs: 16, warmupMs: 10, latentDim: 2 },
    optim: { batchSize: 6, steps: 3, seed: 11, heldOutFraction: 0.25 }
  })
  const run = await call<{ id: string }>('runs.start', {
    datasetId: imported.dataset.id,
    name: 'tiny',
    config,
    steps: 3
  })
  // Wait for the fit to finish (a hook cannot use expect.poll).
  for (let t = Date.now(); ; await new Promise((r) => setTimeout(r, 1000))) {
    const status = (await call<{ id: string; status: string }[]>('runs.list', {})).find((r) => r.id === run.id)?.status
    if (status === 'completed') break
    if (status === 'failed' || status === 'cancelled' || Date.now() - t > 180_000)
      throw new Error(`the fit did not complete: ${status}`)
  }
}

const ui = useStudio({ prepare: importAndFit })
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const completed = (): Promise<number> => ui.page.locator('[data-testid=experiment-row][data-status=completed]').count()
const runExperiment = async (): Promise<void> => {
  const before = await completed()
  await ui.page.getByTestId('perturb-start').click()
  await expect.poll(completed, { timeout: 180_000, interval: 500 }).toBe(before + 1)
}

describe('Perturbations view', () => {
  it('runs one condition picked on the trial timeline and shows the mix, jaw and rate change', async () => {
    const { page, studio } = ui
    await studio.go('perturbations')
    await page.getByTestId('perturb-form').waitFor({ timeout: 60_000 })
    // The form starts on the last area in the response window; pick the stimulus period on the timeline instead, then back.
    await page.getByTestId('window-stimulus').click()
    expect(await page.getByTestId('light-window').getAttribute('data-t0')).toBe('0')
    await page.getByTestId('window-response').click()
    const t0 = Number(await page.getByTestId('light-window').getAttribute('data-t0'))
    expect(t0).toBeGreaterThan(0)
    // A form without areas is refused in place, naming the field.
    await page.getByTestId('perturb-area-area2').uncheck()
    await page.getByTestId('perturb-start').click()
    expect(await page.getByTestId('perturb-form-error').textContent()).toContain('areas')
    await page.getByTestId('perturb-area-area2').check()
    await page.getByTestId('perturb-trials').fill('24')
    await page.getByTestId('perturb-seeds').fill('2')
    await runExperiment()
    const results = page.getByTestId('perturb-results')
    await results.waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('condition-row').count()).toBe(1)
    expect(await page.getByTestId('condition-row').first().textContent()).toContain('area2 response')
    const bars = studio.figure('perturb-mix').locator('g.bar')
    expect(await bars.count()).toBeGreaterThanOrEqual(2)
    expect(await studio.figure('perturb-mix').locator('g.bar[data-group=control]').count()).toBeGreaterThanOrEqual(1)
    expect(await studio.seriesPaths('perturb-jaw')).toBe(2)
    expect(await studio.seriesPaths('perturb-rates')).toBe(2)
    await studio.shot('ui-perturbations-single')
  })

  it('runs the area × window grid with the recorded perturbations beside the model', async () => {
    const { page, studio } = ui
    await page.getByTestId('perturb-mode-grid').check()
    await page.getByTestId('perturb-area-area1').check()
    await page.getByTestId('perturb-recorded').check()
    await runExperiment()
    await studio.figure('perturb-grid').locator('g.cell').first().waitFor({ timeout: 60_000 })
    // 2 areas × 4 standard periods, each cell a finite Δ Hit in [−1, 1].
    const cells = await studio
      .figure('perturb-grid')
      .locator('g.cell')
      .evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-value'))))
    expect(cells).toHaveLength(8)
    for (const v of cells) expect(Math.abs(v)).toBeLessThanOrEqual(1)
    // The recorded A2-late trials are all Misses: their recorded Δ Hit is negative, in the area2 × response cell.
    const rec = studio.figure('perturb-grid-recorded').locator('g.cell[data-row=area2][data-col=response]')
    expect(Number(await rec.getAttribute('data-value'))).toBeLessThan(0)
    expect(await page.getByTestId('recorded-row').count()).toBe(2)
    expect(await page.getByTestId('condition-row').count()).toBe(10)
    await page.evaluate(() => window.scrollTo(0, 0))
    await studio.shot('ui-perturbations-grid')
    const csv = readFileSync(await studio.exportFigure('perturb-grid', 'CSV'), 'utf8').split('\r\n')
    expect(csv[0]).toBe('area,delta_hit_baseline,delta_hit_stimulus,delta_hit_delay,delta_hit_response')
    const svg = readFileSync(await studio.exportFigure('perturb-grid', 'SVG'), 'utf8')
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(svg).toContain('area2')
  })

  it('cancels a running experiment and reopens a stored one', async () => {
    const { page } = ui
    await page.getByTestId('perturb-trials').fill('5000')
    await page.getByTestId('perturb-seeds').fill('20')
    await page.getByTestId('perturb-start').click()
    await page.getByTestId('perturb-progress').waitFor({ timeout: 30_000 })
    await page.getByTestId('perturb-cancel').click()
    await expect
      .poll(() => page.locator('[data-testid=experiment-row][data-status=cancelled]').count(), {
        timeout: 60_000,
        interval: 500
      })
      .toBe(1)
    expect(await page.getByTestId('perturb-running').count()).toBe(0)
    // The first (single-condition) experiment is the oldest row; open it again.
    await page
      .locator('[data-testid=experiment-row][data-status=completed]')
      .last()
      .getByRole('button', { name: 'Open' })
      .click()
    await expect.poll(() => page.getByTestId('condition-row').count(), { timeout: 30_000 }).toBe(1)
    // A reload keeps the opened experiment (it is in the URL).
    await page.reload()
    await expect.poll(() => page.getByTestId('condition-row').count(), { timeout: 60_000 }).toBe(1)
    expect(pageErrors(ui)).toEqual([])
  })

  it('shows the area-to-area input currents per task period, Hit vs Miss, in the Connectivity view', async () => {
    const { page, studio } = ui
    await studio.go('connectivity')
    const fig = studio.figure('input-currents-figure')
    await fig.locator('g.cell').first().waitFor({ timeout: 120_000 })
    expect(
      await page
        .getByTestId('input-currents')
        .getByRole('button', { name: /^(baseline|stimulus|delay|response) / })
        .count()
    ).toBe(4)
    await page.getByTestId('period-response').click()
    // 2 × 2 area pairs in each panel (Hit, Miss, Hit − Miss); B←A is excitatory only (inhibition stays in its area): ≥ 0.
    expect(await page.getByTestId('currents-hit').locator('g.cell').count()).toBe(4)
    expect(await page.getByTestId('currents-diff').locator('g.cell').count()).toBe(4)
    const cross = Number(
      await page
        .getByTestId('currents-hit')
        .locator('g.cell[data-row=area2][data-col=area1]')
        .getAttribute('data-value')
    )
    expect(cross).toBeGreaterThanOrEqual(0)
    const csv = readFileSync(await studio.exportFigure('input-currents-figure', 'CSV'), 'utf8').split('\r\n')
    expect(csv[0]).toBe(
      'period,target_area,source_area,Hit_input_per_neuron_per_s,Miss_input_per_neuron_per_s,hit_minus_miss'
    )
    expect(csv.length).toBe(1 + 4 * 4 + 1)
    await page.evaluate(() => window.scrollTo(0, 0))
    await studio.shot('ui-connectivity-input-currents')
    expect(pageErrors(ui)).toEqual([])
  })
})
