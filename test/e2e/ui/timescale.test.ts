// Time scale from the data in the UI: the Data explorer shows the ceilings-by-smoothing curve with the suggestion
// and its reason; the Fit settings view fills smoothing and dt from it, keeps a value the user sets, and offers the
// suggestion back (screenshots test-results/ui-data-ceilings.png, ui-fit-timescale.png).
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest'
import { pageErrors, useStudio } from './pages/session'

const ui = useStudio({ example: true, viewport: { width: 1400, height: 900 } })

describe('time scale from the data', () => {
  it('the Data explorer shows the ceilings by smoothing, the suggested smoothing and why', async () => {
    const { studio } = ui
    await studio.go('explorer')
    const fig = studio.figure('ceilings-figure')
    await fig.waitFor({ timeout: 90_000 })
    expect(await studio.seriesPaths('ceilings-figure')).toBe(2)
    // each curve has a point per smoothing width of the ladder
    const points = await fig.locator('path.series').first().getAttribute('d')
    expect((points ?? '').split(/[ML]/).filter(Boolean).length).toBe(6)
    const reason = await fig.getByTestId('timescale-reason').textContent()
    expect(reason).toMatch(
      /Suggested: PSTH r ceiling [\d.]+ at 5 ms, [\d.]+ at \d+ ms; .*: smoothing \d+ ms, dt \d+ ms/
    )
    await fig.scrollIntoViewIfNeeded()
    await studio.shot('ui-data-ceilings')
  })

  it('Fit settings take smoothing and dt from the suggestion until the user sets one', async () => {
    const { page, studio } = ui
    await studio.openNewFit()
    const reason = page.getByTestId('fit-timescale').getByTestId('timescale-reason')
    await reason.waitFor({ timeout: 60_000 })
    const m = /smoothing (\d+) ms, dt (\d+) ms/.exec((await reason.textContent()) ?? '')
    expect(m).not.toBeNull()
    expect(await page.getByTestId('fit-smoothing').inputValue()).toBe(m![1])
    expect(await page.getByTestId('fit-dt').inputValue()).toBe(m![2])
    await studio.shot('ui-fit-timescale')
    await page.getByTestId('fit-smoothing').fill('12')
    await page.getByTestId('fit-smoothing').blur()
    await page.getByTestId('timescale-use').waitFor()
    expect(await page.getByTestId('fit-smoothing').inputValue()).toBe('12')
    await page.getByTestId('timescale-use').click()
    expect(await page.getByTestId('fit-smoothing').inputValue()).toBe(m![1])
    expect(pageErrors(ui)).toEqual([])
  })
})
