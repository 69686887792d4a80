// Unit, engine and integration tests (Node). End-to-end browser tests live in vitest.e2e.config.mts.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
const here = fileURLToPath(new URL('.', import.meta.url));
export default defineConfig({
    resolve: { alias: { '@shared': resolve(here, 'src/shared') } },
    test: {
        include: ['test/unit/**/*.test.ts', 'test/engine/**/*.test.ts', 'test/integration/**/*.test.ts'],
        environment: 'node',
        testTimeout: 120_000,
        hookTimeout: 120_000,
        pool: 'forks',
        reporters: ['default']
    }
});
