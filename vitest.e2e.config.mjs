// End-to-end: browser mode served by out/main/serve.js, driven by Debian chromium through playwright-core.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
const here = fileURLToPath(new URL('.', import.meta.url));
export default defineConfig({
    resolve: { alias: { '@shared': resolve(here, 'src/shared') } },
    test: {
        include: ['test/e2e/**/*.test.ts'],
        environment: 'node',
        testTimeout: 300_000,
        hookTimeout: 180_000,
        fileParallelism: false
    }
});
