// The Data explorer's raster comes in pages of whole trials (datasets.raster holds at most RSNN_RASTER_PAGE_SPIKES
// spikes a reply): drawn from many small pages it is the same picture, pixel for pixel, as from one reply, for the
// population and for one unit (screenshots test-results/ui-explorer-raster-one-reply.png, ui-explorer-raster-pages.png,
// the unit's figure *-unit3.png); the import preview shows its raster's first page and says so
// (ui-import-preview-raster-page.png).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { Raster } from '@shared/contract/datasets-methods'
import type { DatasetSummary } from '@shared/domain/dataset'
import { RESULTS_DIR, ensureBuilt, launchChromium, openPage, rpc, startBrowserMode } from '../harness'
import { Studio } from './pages/studio'

afterEach(() => {
  delete process.env['RSNN_RASTER_PAGE_SPIKES']
})

/** The example's Data explorer from a server whose raster pages hold `pageSpikes` spikes (default: the app's). */
async function explorer(
  shot: string,
  pageSpikes?: number
): Promise<{ figure: Buffer; unit: Buffer; full: Buffer; pages: number }> {
  if (pageSpikes) process.env['RSNN_RASTER_PAGE_SPIKES'] = String(pageSpikes)
  ensureBuilt()
  const server = await startBrowserMode({ example: true }) // the server reads the variable at each request
  const browser = await launchChromium()
  try {
    const { page, errors } = await openPage(browser, { width: 1400, height: 900 })
    const studio = new Studio(page)
    await page.goto(server.url)
    await studio.go('explorer')
    const raster = studio.figure('raster-figure')
    await raster.locator('canvas[data-rows]').waitFor({ timeout: 60_000 })
    await expect.poll(() => page.getByTestId('psth-figure').count(), { timeout: 60_000 }).toBe(2)
    await studio.figure('jaw-figure').waitFor({ timeout: 60_000 })
    const full = readFileSync(await studio.shot(shot))
    const figure = await raster.screenshot()
    // One unit's spikes: asked of the server, page by page too.
    await page.getByTestId('raster-unit').selectOption('3')
    await page.locator('[data-testid=raster-unit][data-drawn="3"]').waitFor({ timeout: 60_000 })
    await page.waitForTimeout(300) // the canvas effect
    const unit = await raster.screenshot({ path: join(RESULTS_DIR, `${shot}-unit3.png`) })
    expect(errors.filter((e) => !/favicon|404 \(Not Found\)/.test(e))).toEqual([])
    // How many replies the first session's first area takes at this page size.
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await rpc(server, method, input)
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
      return r.value as T
    }
    const [dataset] = await call<DatasetSummary[]>('datasets.list', {})
    const ask = { id: dataset!.id, session: 0, area: dataset!.areas[0] }
    let pages = 0
    for (let fromRow = 0, rows = 1; fromRow < rows; pages++) {
      const r = await call<Raster>('datasets.raster', { ...ask, fromRow })
      expect(r.spikeRows.first).toBe(fromRow)
      expect(r.spikeRows.end).toBeGreaterThan(fromRow)
      ;[fromRow, rows] = [r.spikeRows.end, r.trials.length]
    }
    if (pageSpikes) {
      // The import preview shows its raster's first page, and says so.
      const { files } = await call<{ files: string[] }>('datasets.examples', {})
      await studio.inspect(files[0]!)
      const caption = page.getByTestId('raster-figure').first()
      await expect
        .poll(() => caption.textContent().catch(() => ''), { timeout: 60_000 })
        .toMatch(/Spikes of \d+ of the 100 trials shown\./)
      await studio.shot('ui-import-preview-raster-page')
    }
    return { figure, unit, full, pages }
  } finally {
    await browser.close()
    await server.stop()
  }
}

it('draws the same raster from many pages as from one reply', async () => {
  const one = await explorer('ui-explorer-raster-one-reply')
  expect(one.pages).toBe(1)
  const paged = await explorer('ui-explorer-raster-pages', 2000)
  expect(paged.pages).toBeGreaterThan(5)
  expect(paged.figure.equals(one.figure)).toBe(true)
  expect(paged.full.equals(one.full)).toBe(true)
  expect(paged.unit.equals(one.unit)).toBe(true)
  expect(paged.unit.equals(one.figure)).toBe(false)
})
