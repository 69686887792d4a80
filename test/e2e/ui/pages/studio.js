// Page object for RSNN Studio in browser mode: navigation, figures, downloads, live fit polling.
// page.evaluate callbacks run in the browser, hence the DOM types:
/// <reference lib="dom" />
import { join } from 'node:path';
import { RESULTS_DIR, screenshot } from '../../harness';
export class Studio {
    page;
    constructor(page) {
        this.page = page;
    }
    /** Clicks a sidebar link and waits for the view's heading. */
    async go(view) {
        await this.page.getByTestId(`nav-${view}`).click();
        await this.page.waitForFunction((v) => location.hash.startsWith(`#/${v}`), view);
        await this.page.locator('main h2').first().waitFor();
    }
    figure(testid) {
        return this.page.getByTestId(testid).first();
    }
    /** Clicks a figure's export button and saves the download under test-results/; returns the path. */
    async exportFigure(testid, kind) {
        const fig = this.figure(testid);
        const [download] = await Promise.all([
            this.page.waitForEvent('download', { timeout: 30_000 }),
            fig.getByRole('button', { name: kind, exact: true }).click()
        ]);
        const file = join(RESULTS_DIR, `ui-export-${download.suggestedFilename()}`);
        await download.saveAs(file);
        return file;
    }
    /** The run monitor's status and step, read from its data attributes. */
    async runState() {
        return this.page.evaluate(() => {
            const m = document.querySelector('[data-testid=run-monitor]');
            const c = document.querySelector('[data-testid=loss-chart]');
            return {
                status: m?.getAttribute('data-status') ?? '',
                step: Number(m?.getAttribute('data-step') ?? 0),
                points: Number(c?.getAttribute('data-points') ?? 0)
            };
        });
    }
    /** Number of drawn data paths (non-empty `d`) in the series of a figure. */
    async seriesPaths(testid) {
        return this.figure(testid).locator('path.series').evaluateAll((ps) => ps.filter((p) => (p.getAttribute('d') ?? '').length > 10).length);
    }
    async shot(name) {
        // Let resize observers and canvas effects settle before the picture.
        await this.page.waitForTimeout(300);
        return screenshot(this.page, name);
    }
}
