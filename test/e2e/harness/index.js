// E2E harness: browser mode server, Debian chromium, screenshots. Import from 'test/e2e/harness'.
export { ensureBuilt, startBrowserMode, ROOT } from './server';
export { launchChromium, openPage, CHROMIUM } from './browser';
export { screenshot, RESULTS_DIR } from './screenshots';
export { rpc } from './rpc';
