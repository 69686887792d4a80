// Shard worker entry (built to out/main/shard-worker.js): attaches to the pool's shared kernel memory, runs
// its assigned shards of the named task and answers in the order asked.
import { parentPort } from 'node:worker_threads';
import { createSharedJsKernels } from './shared-js-kernels';
import { createWasmKernels } from '../kernels/wasm';
import { ShardCancelledError } from './task';
import { shardTasks } from './tasks';
let task = null;
let ctx = null;
let state = undefined;
function reply(msg) {
    parentPort?.postMessage(msg);
}
function handle(msg) {
    try {
        if (msg.type === 'init') {
            const t = shardTasks[msg.task];
            if (!t)
                throw new Error(`shard worker: unknown task "${msg.task}"`);
            const kernels = msg.backend === 'wasm' && msg.memory ? createWasmKernels(msg.memory) : createSharedJsKernels();
            const flag = msg.cancel;
            ctx = {
                kernels,
                thread: msg.thread,
                checkCancelled: () => {
                    if (Atomics.load(flag, 0) !== 0)
                        throw new ShardCancelledError();
                }
            };
            task = t;
            state = t.init(ctx, msg.init);
            reply({ type: 'ok', id: msg.id, results: [] });
            return;
        }
        if (!task || !ctx)
            throw new Error('shard worker: run before init');
        const results = msg.shards.map((s) => task.run(state, ctx, s, msg.payload));
        reply({ type: 'ok', id: msg.id, results });
    }
    catch (e) {
        reply({ type: 'error', id: msg.id, cancelled: e instanceof ShardCancelledError, message: e instanceof Error ? e.message : String(e) });
    }
}
parentPort?.on('message', handle);
