// Screenshots into test-results/ (git-ignored), named by test, so a person can look at every view.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server';
export const RESULTS_DIR = join(ROOT, 'test-results');
/** Saves a full-page PNG as test-results/<name>.png and returns its path. */
export async function screenshot(page, name) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
}
