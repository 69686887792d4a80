// Tiny hand-built FitData / NeuronMap / LossConfig for the loss and metric tests.
import { lossConfigSchema } from '@shared/domain/model-config';
import { mulberry32 } from '../../../src/main/engine/losses/subsample';
export function lossConfig(over = {}) {
    return lossConfigSchema.parse(over);
}
/** A session from per-trial spike rows: spikes[k][t][u]. */
export function session(name, unitArea, spikes, opts = {}) {
    const K = spikes.length;
    return {
        name,
        unitArea: Int32Array.from(unitArea),
        unitInhibitory: new Uint8Array(unitArea.length),
        spikes: Uint8Array.from(spikes.flat(2)),
        outcome: Uint8Array.from(opts.outcome ?? new Array(K).fill(0)),
        stimulus: Float32Array.from(opts.stimulus ?? new Array(K).fill(1)),
        jaw: opts.jaw ? Float32Array.from(opts.jaw.flat()) : null,
        heldOut: Uint8Array.from(opts.heldOut ?? new Array(K).fill(0))
    };
}
export function neuronMap(pairs) {
    return { session: Int32Array.from(pairs, (p) => p[0]), unit: Int32Array.from(pairs, (p) => p[1]) };
}
/** Random Bernoulli session: K trials × T bins × units (areas given), optional jaw, seeded. */
export function randomSession(seed, name, K, T, unitArea, withJaw, rate = 0.3) {
    const rnd = mulberry32(seed);
    const spikes = Array.from({ length: K }, () => Array.from({ length: T }, () => unitArea.map(() => (rnd() < rate ? 1 : 0))));
    const jaw = withJaw ? Array.from({ length: K }, () => Array.from({ length: T }, () => rnd() * 2 - 0.5)) : undefined;
    const outcome = Array.from({ length: K }, (_, k) => k % 2);
    return session(name, unitArea, spikes, { jaw, outcome, heldOut: Array.from({ length: K }, (_, k) => (k % 4 === 3 ? 1 : 0)) });
}
export function fitData(sessions, nBins, dt, areas = ['a1', 'a2']) {
    return { areas, dt, nBins, stimBin: 0, sessions };
}
/** Indices k with heldOut[k] === held. */
export function trialsOf(s, held) {
    return Int32Array.from({ length: s.heldOut.length }, (_, k) => k).filter((k) => s.heldOut[k] === held);
}
