// Test helper: bundles the shard worker (TS sources) to a temp CJS file with rolldown, so pool tests run
// real worker threads on the current sources without a full electron-vite build.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'rolldown';
let built = null;
/** Path of a freshly bundled shard-worker.js (built once per test file). */
export function buildShardWorker() {
    built ??= (async () => {
        const root = resolve(__dirname, '../../..');
        const file = join(mkdtempSync(join(tmpdir(), 'rsnn-shard-')), 'shard-worker.js');
        await build({
            input: join(root, 'src/main/engine/parallel/shard-worker.ts'),
            platform: 'node',
            resolve: { alias: { '@shared': join(root, 'src/shared') } },
            output: { file, format: 'cjs' },
            logLevel: 'silent'
        });
        return file;
    })();
    return built;
}
