// One expected s/step in the Fit settings: the preset line and "What this fit will use" show the same figure, at
// the fit's time step (screenshot test-results/ui-fit-step-estimate.png); a new fit starts from Standard's choices
// for the dataset, said in one line (test-results/ui-fit-default-settings.png).
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest'
import { useStudio } from './pages/session'

const ui = useStudio({ example: true, viewport: { width: 1400, height: 1000 } })

describe('Fit settings', () => {
  it('show one expected s/step: the preset line and What this fit will use agree, at the fit’s time step', async () => {
    const { page, studio, errors } = ui
    await studio.go('explorer') // selects the example dataset
    await studio.figure('ceilings-figure').waitFor({ timeout: 90_000 })
    await studio.openNewFit()
    await page.getByTestId('fit-timescale').getByTestId('timescale-reason').waitFor({ timeout: 60_000 })
    // a fit started without picking anything gets Standard's choices for the dataset, said in one line
    expect(await page.getByTestId('fit-preset').inputValue()).toBe('standard')
    await expect
      .poll(async () => (await page.getByTestId('fit-summary').textContent()) ?? '', { timeout: 30_000 })
      .toMatch(
        /^Chosen: Standard \(≈ 10 min\) for this dataset \(N ≈ \d+ neurons, .*\): batch 80, evaluation every 10 steps/
      )
    await page.getByTestId('fit-settings').scrollIntoViewIfNeeded()
    await studio.shot('ui-fit-default-settings')
    await page.getByTestId('fit-preset').selectOption('standard')
    const dt = await page.getByTestId('fit-dt').inputValue()
    const budgetLine = page.getByTestId('fit-choices').locator('li', { hasText: 'time budget' })
    const duration = page.getByTestId('resolved-duration')
    // the plan follows the form after a short pause; wait until it is computed at the form's time step
    await expect
      .poll(async () => (await page.getByTestId('resolved-model').textContent()) ?? '', { timeout: 30_000 })
      .toMatch(new RegExp(`time bins of ${dt} ms`))
    const presetFigure = /≈ (\d+\.\d+) s\/step/.exec((await budgetLine.textContent()) ?? '')?.[1]
    await expect
      .poll(async () => /about (\d+\.\d+) s per step/.exec((await duration.textContent()) ?? '')?.[1], {
        timeout: 30_000
      })
      .toBe(presetFigure)
    expect(presetFigure).toBeDefined()
    await page.getByTestId('fit-settings').scrollIntoViewIfNeeded()
    await studio.shot('ui-fit-step-estimate')
    expect(errors).toEqual([])
  })
})
