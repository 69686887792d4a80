// Shard pool: the same shards give the same bits on 1, 2 and 3 threads (wasm and js), workers see the
// caller's shared arrays without copies, and a cancel flag stops a run.
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultShardWorkerPath, ShardPool, reduceShardSlots } from '../../../src/main/engine/parallel/pool';
import { ShardCancelledError } from '../../../src/main/engine/parallel/task';
import { buildShardWorker } from './build-worker';
let workerPath = '';
beforeAll(async () => {
    workerPath = await buildShardWorker();
});
const rows = 40;
const len = 37;
const trials = 12;
const rowsPerTrial = 9;
const trialsPerShard = 2;
const nShards = trials / trialsPerShard;
async function makePool(threads, backend) {
    const pool = new ShardPool({ task: 'selftest', threads, backend, workerPath });
    const k = pool.kernels;
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
    const mat = k.allocFloat(rows * len);
    for (let i = 0; i < mat.length; i++)
        mat[i] = rnd();
    const vecs = k.allocFloat(trials * len);
    for (let i = 0; i < vecs.length; i++)
        vecs[i] = rnd();
    const rowIdx = k.allocInt(trials * rowsPerTrial);
    for (let i = 0; i < rowIdx.length; i++)
        rowIdx[i] = Math.floor(((rnd() + 1) / 2) * rows);
    await pool.init({ mat, rows, len });
    const slots = k.allocFloat(nShards * rows);
    return { pool, payload: { vecs, rowIdx, rowsPerTrial, trialsPerShard, trials, slots, repeats: 1 } };
}
describe.each(['wasm', 'js'])('ShardPool (%s)', (backend) => {
    const pools = [];
    afterAll(async () => {
        await Promise.all(pools.map((p) => p.close()));
    });
    it('gives bit-identical reduced outputs on 1, 2 and 3 threads', async () => {
        const sums = [];
        for (const threads of [1, 2, 3]) {
            const { pool, payload } = await makePool(threads, backend);
            pools.push(pool);
            const res = await pool.run(nShards, payload);
            expect(res.map((r) => r.trials)).toEqual(new Array(nShards).fill(trialsPerShard));
            const out = pool.kernels.allocFloat(rows);
            reduceShardSlots(pool.kernels, out, payload.slots, nShards, rows);
            sums.push(Array.from(out));
        }
        expect(sums[1]).toEqual(sums[0]);
        expect(sums[2]).toEqual(sums[0]);
        // And the work really happened: some row received a nonzero dot product.
        expect(sums[0].some((v) => v !== 0)).toBe(true);
    });
    it('every shard slot written by a worker equals the inline result', async () => {
        const a = await makePool(1, backend);
        const b = await makePool(2, backend);
        pools.push(a.pool, b.pool);
        await a.pool.run(nShards, a.payload);
        await b.pool.run(nShards, b.payload);
        // Odd shards ran in the worker thread of pool b.
        expect(Array.from(b.payload.slots)).toEqual(Array.from(a.payload.slots));
    });
    it('a set cancel flag makes run reject with ShardCancelledError and can be reset', async () => {
        const { pool, payload } = await makePool(2, backend);
        pools.push(pool);
        pool.cancel();
        await expect(pool.run(nShards, payload)).rejects.toBeInstanceOf(ShardCancelledError);
        pool.resetCancel();
        await expect(pool.run(nShards, payload)).resolves.toHaveLength(nShards);
    });
    it('a cancel flag set by another thread stops a long run between chunks', async () => {
        const { pool, payload } = await makePool(2, backend);
        pools.push(pool);
        // The calling thread is busy inside run(), so the flag is set from a separate thread (as the fit host does).
        const setter = new Worker("const { workerData } = require('node:worker_threads'); setTimeout(() => Atomics.store(workerData, 0, 1), 100)", { eval: true, workerData: pool.cancelFlag });
        await expect(pool.run(nShards, { ...payload, repeats: 1e9 })).rejects.toBeInstanceOf(ShardCancelledError);
        await setter.terminate();
    });
});
describe('defaultShardWorkerPath', () => {
    it('points at the built worker in out/main when running from sources', () => {
        expect(defaultShardWorkerPath().replace(/\\/g, '/')).toMatch(/\/out\/main\/shard-worker\.js$/);
    });
});
