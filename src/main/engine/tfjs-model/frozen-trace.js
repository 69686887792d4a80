import { REFRACTORY, SPIKE } from '../model/trace';
/**
 * Reads the frozen trace of trials [0, nTrials) of a workspace after forwardShard (model/shard.ts).
 * Only valid without warm-up (dims.warmup = 0): the reference model starts from v = v_rest, no earlier spikes.
 */
export function frozenTraceFromWorkspace(ws, d, nTrials) {
    if (d.warmup !== 0)
        throw new Error('frozen trace: the tfjs reference model needs warmup = 0');
    const cells = nTrials * d.nBins * d.n;
    const spikes = new Float32Array(cells);
    const refractory = new Float32Array(cells);
    for (let q = 0; q < cells; q++) {
        spikes[q] = ws.flags[q] & SPIKE ? 1 : 0;
        refractory[q] = ws.flags[q] & REFRACTORY ? 1 : 0;
    }
    return {
        nTrials,
        spikes,
        refractory,
        eta: Float32Array.from(ws.eta.subarray(0, cells)),
        inputs: Float32Array.from(ws.inputs.subarray(0, nTrials * d.nBins * d.nIn)),
        latentU: Float32Array.from(ws.latentU.subarray(0, nTrials * d.latentDim))
    };
}
