// One expected s/step in the Fit settings: the preset line and "What this fit will use" show the same figure, at
// the fit's time step (screenshot test-results/ui-fit-step-estimate.png).
/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { ensureBuilt, launchChromium, openPage, startBrowserMode, type BrowserModeServer } from '../harness'
import { Studio } from './pages/studio'

let server: BrowserModeServer
let browser: Browser
let page: Page
let errors: string[]
let studio: Studio

beforeAll(async () => {
  ensureBuilt()
  server = await startBrowserMode({ example: true })
  browser = await launchChromium()
  ;({ page, errors } = await openPage(browser, { width: 1400, height: 1000 }))
  studio = new Studio(page)
  await page.goto(server.url)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('Fit settings', () => {
  it('show one expected s/step: the preset line and What this fit will use agree, at the fit’s time step', async () => {
    await studio.go('explorer') // selects the example dataset
    await studio.figure('ceilings-figure').waitFor({ timeout: 90_000 })
    await studio.openNewFit()
    await page.getByTestId('fit-timescale').getByTestId('timescale-reason').waitFor({ timeout: 60_000 })
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
