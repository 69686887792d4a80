// The Trainer: one step = choose condition → draw stimuli → simulate (runner) → losses → backward → AdamW →
// constraints, with divergence detection and rollback; evaluation, simulation, checkpoints and export.
import { AppError } from '@shared/contract/errors';
import { allFinite } from '../arrays';
import { applyConstraints } from '../model/constraints';
import { finalizeGrad } from '../model/grads';
import { allocParams, cloneParams, copyParams, PARAM_NAMES, paramShapes } from '../model/params';
import { allocTally } from '../spike-tally';
import { adamStep, createAdamState } from '../optim/adam';
import { hashInts, PURPOSE, Rng } from '../rng';
import { compileLight } from '../perturb/light';
import { conditionCycle, drawStimuli, heldOutTrials } from './batcher';
import { decodeState, encodeState } from './checkpoint';
import { setupFit } from './setup';
/** Consecutive rollbacks after which the fit is declared diverged. */
const MAX_ROLLBACKS = 20;
export async function createTrainerWith(data, cfg, state, deps) {
    const setup = setupFit(data, cfg);
    const targets = deps.prepareTargets(data, setup.map, cfg.loss);
    const runner = await deps.createRunner({ dims: setup.dims, dyn: setup.dyn, motor: setup.layout.motor });
    const st = {
        step: 0,
        lr: cfg.optim.lr,
        rollbacks: 0,
        params: setup.params,
        adam: createAdamState(setup.params),
        lastGood: cloneParams(setup.params),
        lightRank: setup.lightRank.slice()
    };
    if (state)
        decodeState(state, st);
    await runner.setParams(st.params);
    const notes = [...setup.layout.notes, ...(deps.targetNotes?.(targets) ?? [])];
    return new FitTrainer(data, cfg, setup, targets, runner, st, deps, notes);
}
class FitTrainer {
    data;
    cfg;
    setup;
    targets;
    runner;
    st;
    deps;
    notes;
    backend;
    cycle;
    heldOut;
    B;
    spikes;
    jaw;
    tally;
    paramGrad = null;
    hasJaw;
    maxRateHz;
    constructor(data, cfg, setup, targets, runner, st, deps, notes) {
        this.data = data;
        this.cfg = cfg;
        this.setup = setup;
        this.targets = targets;
        this.runner = runner;
        this.st = st;
        this.deps = deps;
        this.notes = notes;
        this.backend = runner.backend;
        this.cycle = conditionCycle(data);
        this.heldOut = heldOutTrials(data);
        this.B = cfg.optim.batchSize;
        const { nBins: Tn, n } = setup.dims;
        // Shared with the runner's threads when it offers that (worker pool): outputs and dL/dz are not copied.
        const alloc = (len) => runner.allocBatchArray?.(len) ?? new Float32Array(len);
        this.spikes = alloc(this.B * Tn * n);
        this.jaw = alloc(this.B * Tn);
        const layout = deps.tallyLayout?.(targets);
        this.tally = layout ? allocTally(layout, this.B, Tn, n) : null;
        this.hasJaw = data.sessions.some((s) => s.jaw !== null);
        // Half the refractory-limited maximum rate: beyond it the network is saturating, not fitting.
        this.maxRateHz = 0.5 * (1000 / ((setup.dims.nRef + 1) * setup.dyn.dtMs));
    }
    get step() {
        return this.st.step;
    }
    async runStep(hooks = {}) {
        const t0 = performance.now();
        hooks.signal?.throwIfAborted();
        const { seed } = this.cfg.optim;
        const step = this.st.step;
        const cond = this.cycle[step % this.cycle.length];
        const stimulus = drawStimuli(this.data, cond.trials, this.B, new Rng(seed, PURPOSE.trainBatch, step));
        const outputs = { spikes: this.spikes, jaw: this.jaw, ...(this.tally ? { tally: this.tally } : {}) };
        const fw = await this.runner.forward({ key: [seed, PURPOSE.trainTrial, step], stimulus }, outputs);
        hooks.signal?.throwIfAborted();
        const { nBins: Tn, n } = this.setup.dims;
        const density = fw.spikes / (this.B * Tn * n);
        const meanRateHz = density / this.data.dt;
        const losses = this.deps.computeLosses(this.targets, {
            spikes: this.spikes,
            jaw: this.hasJaw ? this.jaw : null,
            stimulus,
            trials: cond.trials,
            seed: hashInts(seed, step),
            ...(this.tally ? { tally: this.tally } : {})
        });
        const report = (rolledBack) => ({
            step: this.st.step,
            losses: losses.report,
            stepMs: performance.now() - t0,
            spikeDensity: density,
            meanRateHz,
            ...(rolledBack ? { rolledBack } : {})
        });
        if (!Number.isFinite(losses.report.total))
            return report(await this.rollback(`loss is ${losses.report.total}`));
        if (meanRateHz > this.maxRateHz) {
            return report(await this.rollback(`mean rate ${meanRateHz.toFixed(1)} Hz exceeds ${this.maxRateHz.toFixed(0)} Hz`));
        }
        // These parameters produced a healthy forward: they are the rollback target from now on.
        copyParams(this.st.lastGood, this.st.params);
        const bw = await this.runner.backward(losses.gradSpikes, losses.gradJaw, this.cfg.engine.surrogateCutoff);
        hooks.signal?.throwIfAborted();
        // One gradient set per fit, overwritten each step (no 2×N² allocation per step).
        this.paramGrad ??= allocParams(this.setup.dims);
        const g = finalizeGrad(bw.grad, this.setup.layout, this.setup.dims, this.cfg.model.trainNoiseScale, 'f32', this.paramGrad);
        if (!PARAM_NAMES.every((k) => allFinite(g[k])))
            return report(await this.rollback('non-finite gradient'));
        const { beta1, beta2, eps } = this.cfg.optim;
        const frozen = new Set(this.cfg.model.trainNoiseScale ? [] : ['noise_scale']);
        adamStep(this.st.params, g, this.st.adam, { lr: this.st.lr, beta1, beta2, eps, weightDecay: this.cfg.loss.weightDecay }, frozen);
        if (!PARAM_NAMES.every((k) => allFinite(this.st.params[k])))
            return report(await this.rollback('non-finite parameters'));
        applyConstraints(this.st.params, this.setup.layout, {
            l1: this.cfg.loss.l1Decay,
            lr: this.st.lr,
            thr: this.cfg.model.threshold,
            vr0: this.cfg.model.vRest
        });
        await this.runner.setParams(this.st.params);
        this.st.rollbacks = 0;
        this.st.step++;
        return report();
    }
    /** Restores the last good parameters, restarts Adam's moments (they absorbed the blow-up), halves lr. */
    async rollback(reason) {
        this.st.rollbacks++;
        if (this.st.rollbacks > MAX_ROLLBACKS) {
            throw new AppError('DIVERGED', `the fit diverged ${MAX_ROLLBACKS} times in a row (last: ${reason}); lower the learning rate`, {
                field: 'optim.lr'
            });
        }
        copyParams(this.st.params, this.st.lastGood);
        this.st.adam = createAdamState(this.st.params);
        this.st.lr /= 2;
        await this.runner.setParams(this.st.params);
        this.st.step++;
        return { reason, newLr: this.st.lr };
    }
    async evaluate(hooks = {}) {
        hooks.signal?.throwIfAborted();
        const { seed } = this.cfg.optim;
        const stimulus = drawStimuli(this.data, this.heldOut, this.B, new Rng(seed, PURPOSE.evalBatch, this.st.step));
        await this.runner.forward({ key: [seed, PURPOSE.evalTrial, this.st.step], stimulus }, { spikes: this.spikes, jaw: this.jaw });
        hooks.signal?.throwIfAborted();
        return this.deps.evaluateMetrics(this.targets, {
            modelSpikes: this.spikes,
            modelJaw: this.hasJaw ? this.jaw : null,
            modelStimulus: stimulus,
            heldOut: this.heldOut,
            seed: hashInts(seed, this.st.step)
        });
    }
    async simulate(stimulus, seed, perturbations = [], hooks = {}) {
        const { nBins: Tn, n } = this.setup.dims;
        const total = stimulus.length;
        const light = perturbations.length > 0 ? this.compileLight(perturbations) : undefined;
        const spikes = new Uint8Array(total * Tn * n);
        const jaw = new Float32Array(total * Tn);
        // Fixed chunks of B trials; trial b uses stream (seed, simulate, chunk start, b − chunk start).
        for (let c0 = 0; c0 < total; c0 += this.B) {
            hooks.signal?.throwIfAborted();
            const c1 = Math.min(total, c0 + this.B);
            const chunk = stimulus.slice(c0, c1);
            const out = { spikes: this.spikes.subarray(0, (c1 - c0) * Tn * n), jaw: this.jaw.subarray(0, (c1 - c0) * Tn) };
            await this.runner.forward({ key: [seed, PURPOSE.simulateTrial, c0], stimulus: chunk, ...(light ? { light } : {}) }, out);
            for (let q = 0; q < out.spikes.length; q++)
                spikes[c0 * Tn * n + q] = out.spikes[q];
            jaw.set(out.jaw, c0 * Tn);
        }
        return { nTrials: total, nBins: Tn, nNeurons: n, spikes, jaw, stimulus: stimulus.slice() };
    }
    /** Perturbations → per-step currents on this model's light-sensitive neurons (perturb/light.ts). */
    compileLight(perturbations) {
        const l = this.setup.layout;
        const model = { areas: l.areas, neuronArea: l.neuronArea, neuronInhibitory: l.neuronInhibitory, lightRank: this.st.lightRank };
        const time = { nBins: this.data.nBins, dtS: this.data.dt, stimBin: this.data.stimBin };
        return compileLight(perturbations, model, time, this.cfg.model.threshold - this.cfg.model.vRest);
    }
    saveState() {
        return encodeState(this.st);
    }
    exportParams() {
        const shapes = paramShapes(this.setup.dims);
        const arrays = {};
        for (const k of PARAM_NAMES)
            arrays[k] = { data: Float32Array.from(this.st.params[k]), ...shapes[k] };
        const l = this.setup.layout;
        return {
            arrays,
            neuronArea: l.neuronArea.slice(),
            neuronInhibitory: l.neuronInhibitory.slice(),
            neuronMap: { session: this.setup.map.session.slice(), unit: this.setup.map.unit.slice() },
            areas: l.areas.slice(),
            lightRank: this.st.lightRank.slice()
        };
    }
    /** Current parameters (read-only use: tests and diagnostics). */
    get params() {
        return this.st.params;
    }
    get lr() {
        return this.st.lr;
    }
    async dispose() {
        await this.runner.dispose();
    }
}
