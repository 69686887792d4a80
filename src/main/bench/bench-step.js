// `npm run bench`: times one full training step (forward, PSTH + hard trial-matching losses, backward, AdamW,
// constraints) at the reference pseudodata scale and at paper scale on synthetic data, one child process per
// measurement (so peak RSS is per size), and prints one JSON line per measurement, then the js/wasm ratio.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { availableParallelism } from 'node:os';
import { fitConfigSchema } from '@shared/domain/model-config';
import { createPoolRunner, createTrainer } from '../engine';
import { syntheticFitData } from './synthetic-data';
// Pseudodata (spec §2.9 configs/pseudodata): N=500, 2 areas, B=200, T=250 at 2 ms; paper: N=1500, 6 areas,
// B=32 (the size), T=700, 300 inputs.
const SIZES = {
    pseudodata: {
        shape: { areas: 2, unitsPerArea: 250, sessions: 6, trialsPerSession: 200, nBins: 250, dt: 0.002, stimBin: 50, withJaw: false },
        nInputs: 200,
        batch: 200
    },
    paper: {
        shape: { areas: 6, unitsPerArea: 250, sessions: 6, trialsPerSession: 60, nBins: 700, dt: 0.002, stimBin: 100, withJaw: true },
        nInputs: 300,
        batch: 32
    }
};
function median(xs) {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** Wraps a runner to time its phases and count the work (for the FLOP estimate). */
function instrument(r, acc) {
    return {
        backend: r.backend,
        setParams: (p) => r.setParams(p),
        async forward(batch, out) {
            const t = performance.now();
            const res = await r.forward(batch, out);
            acc.fwd += performance.now() - t;
            acc.spikes += res.spikes;
            return res;
        },
        async backward(gs, gj, cutoff) {
            const t = performance.now();
            const res = await r.backward(gs, gj, cutoff);
            acc.bwd += performance.now() - t;
            acc.active = res.activeFraction;
            return res;
        },
        ...(r.allocBatchArray ? { allocBatchArray: (len) => r.allocBatchArray(len) } : {}),
        dispose: () => r.dispose()
    };
}
async function measure(job) {
    const size = SIZES[job.size];
    const data = syntheticFitData(size.shape);
    const B = job.batch ?? size.batch;
    const cfg = fitConfigSchema.parse({
        model: { neuronsPerArea: size.shape.unitsPerArea, nInputs: size.nInputs },
        loss: { trialMatching: 'hard' },
        optim: { batchSize: B, seed: 1 },
        engine: { backend: job.backend, threads: job.threads }
    });
    const acc = { fwd: 0, bwd: 0, spikes: 0, active: 0 };
    let dims = { n: 0, nBins: 0, warmup: 0, nIn: 0 };
    const trainer = await createTrainer(data, cfg, undefined, {
        createRunner: async (o) => {
            dims = o.dims;
            return instrument(await createPoolRunner({ ...o, backend: job.backend, threads: job.threads }), acc);
        }
    });
    await trainer.runStep(); // warm-up: JIT, workspaces, data PSTH caches
    const inspector = job.profile ? new Session() : null;
    if (inspector) {
        inspector.connect();
        await inspector.post('Profiler.enable');
        await inspector.post('Profiler.start');
    }
    const times = [];
    const cpu = [];
    const phases = { fwd: [], bwd: [] };
    let density = 0;
    let flops = 0;
    for (let s = 0; s < job.steps; s++) {
        acc.fwd = acc.bwd = acc.spikes = 0;
        const t = performance.now();
        const c = process.cpuUsage();
        const rep = await trainer.runStep();
        times.push((performance.now() - t) / 1000);
        const dc = process.cpuUsage(c);
        cpu.push((dc.user + dc.system) / 1e6);
        phases.fwd.push(acc.fwd / 1000);
        phases.bwd.push(acc.bwd / 1000);
        density = rep.spikeDensity;
        // Executed FLOPs: each spike adds its row (N) for both delays, forward (incl. warm-up) and in dW; each
        // active adjoint row is a length-N dot product (2N) per delay group; input spikes add rows of W_in.
        const { n, nBins: T, warmup: W } = dims;
        const spikes = acc.spikes * ((T + W) / T);
        const rows = acc.active * 2 * B * T * n;
        flops = spikes * 2 * n + acc.spikes * 2 * n + rows * 2 * n;
    }
    if (inspector && job.profile) {
        const { profile } = await inspector.post('Profiler.stop');
        writeFileSync(job.profile, JSON.stringify(profile));
        inspector.disconnect();
    }
    await trainer.dispose();
    const sps = median(times);
    return {
        name: 'engine-step',
        size: job.size,
        s_per_step: +sps.toFixed(3),
        gflops: +(flops / sps / 1e9).toFixed(2),
        rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
        spike_density: +density.toFixed(4),
        threads: trainer.backend.threads,
        backend: trainer.backend.name,
        batch: B,
        // CPU seconds of all threads: robust to other processes competing for the cores (wall time is not).
        cpu_s_per_step: +median(cpu).toFixed(3),
        forward_s: +median(phases.fwd).toFixed(3),
        backward_s: +median(phases.bwd).toFixed(3),
        active_fraction: +acc.active.toFixed(3),
        surrogate_cutoff: cfg.engine.surrogateCutoff,
        steps_timed: job.steps,
        step_times_s: times.map((x) => +x.toFixed(3))
    };
}
/** Runs one measurement in a fresh process (peak RSS per size) and returns its JSON line. */
function child(job) {
    return new Promise((resolve, reject) => {
        const p = fork(__filename, ['--job', JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
        let out = '';
        p.stdout?.on('data', (d) => (out += d.toString()));
        p.on('exit', (code) => {
            const line = out.trim().split('\n').pop() ?? '';
            if (code === 0 && line.startsWith('{'))
                resolve(JSON.parse(line));
            else
                reject(new Error(`bench child ${JSON.stringify(job)} failed (exit ${code}): ${out}`));
        });
    });
}
async function main() {
    const at = process.argv.indexOf('--job');
    if (at >= 0) {
        process.stdout.write(`${JSON.stringify(await measure(JSON.parse(process.argv[at + 1])))}\n`);
        return;
    }
    const only = process.argv.slice(2).filter((a) => a in SIZES);
    const threads = Math.min(2, availableParallelism());
    for (const size of only.length ? only : Object.keys(SIZES)) {
        process.stdout.write(`${JSON.stringify(await child({ size, backend: 'wasm', threads, steps: 3 }))}\n`);
    }
    // js vs wasm kernels, same run, same small batch (plain js at B=200 takes tens of seconds per step).
    const js = await child({ size: 'pseudodata', backend: 'js', threads: 1, steps: 1, batch: 16 });
    const wasm = await child({ size: 'pseudodata', backend: 'wasm', threads: 1, steps: 1, batch: 16 });
    process.stdout.write(`${JSON.stringify({
        name: 'engine-backend-ratio',
        size: 'pseudodata',
        batch: 16,
        threads: 1,
        js_s_per_step: js.s_per_step,
        wasm_s_per_step: wasm.s_per_step,
        js_over_wasm: +(js.s_per_step / wasm.s_per_step).toFixed(2)
    })}\n`);
}
main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
});
