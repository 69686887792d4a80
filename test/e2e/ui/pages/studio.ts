// Page object for RSNN Studio in browser mode: navigation, figures, downloads, live fit polling.
// page.evaluate callbacks run in the browser, hence the DOM types:
/// <reference lib="dom" />
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { RESULTS_DIR, screenshot } from '../../harness'

export type ViewId =
  'library' | 'import' | 'explorer' | 'fit' | 'variability' | 'behaviour' | 'connectivity' | 'perturbations' | 'compare'

export class Studio {
  constructor(readonly page: Page) {}

  /** Clicks a sidebar link and waits for the view's heading. */
  async go(view: ViewId): Promise<void> {
    await this.page.getByTestId(`nav-${view}`).click()
    await this.page.waitForFunction((v) => location.hash.startsWith(`#/${v}`), view)
    await this.page.locator('main h2').first().waitFor()
  }

  /** Opens the Import view and inspects the recording at `path` (the preview and mapping form follow). */
  async inspect(path: string): Promise<void> {
    await this.go('import')
    await this.page.getByTestId('import-paths').fill(path)
    await this.page.getByTestId('inspect-button').click()
  }

  /** Opens the Fit view's settings for a new fit: a store with a run (the shipped example model's, at least) shows
   *  that run first, behind a "New fit…" button. */
  async openNewFit(): Promise<void> {
    await this.go('fit')
    const open = this.page.getByRole('button', { name: 'New fit…' })
    await open.or(this.page.getByTestId('fit-settings')).first().waitFor({ timeout: 30_000 })
    if (await open.isVisible()) await open.click()
    await this.page.getByTestId('fit-settings').waitFor()
  }

  figure(testid: string): Locator {
    return this.page.getByTestId(testid).first()
  }

  /** Clicks a figure's export button and saves the download under test-results/; returns the path. */
  async exportFigure(testid: string, kind: 'SVG' | 'PNG' | 'CSV'): Promise<string> {
    const fig = this.figure(testid)
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: 30_000 }),
      fig.getByRole('button', { name: kind, exact: true }).click()
    ])
    const file = join(RESULTS_DIR, `ui-export-${download.suggestedFilename()}`)
    await download.saveAs(file)
    return file
  }

  /** The run monitor's status and step, read from its data attributes. */
  async runState(): Promise<{ status: string; step: number; points: number }> {
    return this.page.evaluate(() => {
      const m = document.querySelector('[data-testid=run-monitor]')
      const c = document.querySelector('[data-testid=loss-chart]')
      return {
        status: m?.getAttribute('data-status') ?? '',
        step: Number(m?.getAttribute('data-step') ?? 0),
        points: Number(c?.getAttribute('data-points') ?? 0)
      }
    })
  }

  /** Number of drawn data paths (non-empty `d`) in the series of a figure. */
  async seriesPaths(testid: string): Promise<number> {
    return this.figure(testid)
      .locator('path.series')
      .evaluateAll((ps) => ps.filter((p) => (p.getAttribute('d') ?? '').length > 10).length)
  }

  async shot(name: string): Promise<string> {
    // Let resize observers and canvas effects settle before the picture.
    await this.page.waitForTimeout(300)
    return screenshot(this.page, name)
  }
}
