// A first start with nothing stored (issue 13, item 6): every view that needs data or a run says so and links to
// the action that fills it (Import, or the Fit monitor), and the page has its icon (inline, no request).
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest'
import { useStudio } from './pages/session'

const ui = useStudio({ viewport: { width: 1300, height: 850 } })

/** The view each empty view sends the user to. */
const actions: [view: string, target: '#/import' | '#/fit', text: RegExp][] = [
  ['library', '#/import', /import a recording/],
  ['explorer', '#/import', /import a recording/],
  ['fit', '#/import', /import a recording/],
  ['variability', '#/fit', /start a fit/],
  ['behaviour', '#/fit', /start a fit/],
  ['connectivity', '#/fit', /start a fit/],
  ['perturbations', '#/fit', /start a fit/],
  ['compare', '#/fit', /start a fit/]
]

describe('an empty store', () => {
  it('every view links to the action that fills it', async () => {
    const { page, errors } = ui
    const base = page.url().replace(/#.*$/, '')
    for (const [view, target, text] of actions) {
      await page.goto(`${base}#/${view}`)
      const link = page.locator(`main a[href="${target}"]`).first()
      await link.waitFor({ timeout: 30_000 })
      expect(`${view}: ${await link.textContent()}`).toMatch(new RegExp(`^${view}: .*${text.source}`))
    }
    // the Library's runs table sends to the Fit monitor too
    await page.goto(`${base}#/library`)
    await page.locator('main a[href="#/fit"]').first().waitFor({ timeout: 30_000 })
    await page.locator('main a[href="#/import"]').first().click()
    await page.waitForFunction(() => location.hash.startsWith('#/import'))
    expect(errors).toEqual([])
  })

  it('has its icon inline (the same in browser mode and the desktop window)', async () => {
    expect(await ui.page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/)
  })
})
