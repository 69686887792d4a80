import { NORMAL4_STATE_WORDS } from '../normal4';
import { newFloat } from '../arrays';
/** Flag bits of ShardWorkspace.flags. */
export const SPIKE = 1;
export const REFRACTORY = 2;
/** Allocates a workspace for up to `capacity` trials (trace in `precision`, scratch from the kernels). */
export function allocWorkspace(d, capacity, k) {
    const { n, nIn, nBins: T, maxDelay: D } = d;
    const R = D + 1;
    const cells = capacity * T * n;
    const dbl = (len) => k.allocDouble?.(len) ?? new Float64Array(len);
    return {
        capacity,
        precision: k.precision,
        // In kernel memory: the backward's adjoint row reads them (Kernels.adjointRow).
        sp: k.allocFloat(cells),
        eta: k.allocFloat(cells),
        thrA: d.adaptive ? newFloat(k.precision, cells) : null,
        spA: d.adaptive ? newFloat(k.precision, cells) : null,
        flags: k.allocBytes?.(cells) ?? new Uint8Array(cells),
        pre: new Uint8Array(capacity * D * n),
        inputs: new Uint8Array(capacity * T * nIn),
        jaw: new Float64Array(capacity * T),
        latentU: new Float64Array(capacity * d.latentDim),
        warmInputs: new Uint8Array(Math.max(1, d.warmup) * nIn),
        cur: k.allocFloat(n),
        delta: k.allocFloat(n),
        spikeRing: k.allocInt(R * n),
        spikeCount: new Int32Array(R),
        activeRing: k.allocInt(R * n),
        activeCount: new Int32Array(R),
        gzRing: k.allocFloat(R * n),
        slotTime: new Int32Array(R),
        listCounts: k.allocInt(2),
        inList: k.allocInt(nIn),
        preList: k.allocInt(n),
        alphaRow: dbl(n),
        noiseRow: dbl(n),
        normalState: k.allocInt(NORMAL4_STATE_WORDS),
        uniRow: dbl(n),
        vRow: dbl(n),
        sgRow: dbl(n),
        drive: dbl(n),
        noiseGain: dbl(n),
        vState: dbl(n),
        bState: new Float64Array(n),
        gBNext: new Float64Array(n),
        gzB: new Float64Array(n),
        ref: k.allocInt(n),
        offset: new Float64Array(n),
        gVNext: dbl(n),
        latentAcc: new Float64Array(n),
        sumGV: dbl(n),
        sumGVEta: dbl(n),
        resetAmt: dbl(n),
        gsRow: dbl(n),
        wJawRow: dbl(n)
    };
}
/** Returns the kernel-owned arrays of a workspace to the backend. */
export function freeWorkspace(ws, k) {
    const kernelOwned = [ws.sp, ws.eta, ws.ref, ws.listCounts, ws.cur, ws.delta, ws.spikeRing, ws.activeRing, ws.gzRing, ws.inList, ws.preList, ws.normalState];
    for (const a of kernelOwned)
        k.free(a);
    if (k.allocBytes)
        k.free(ws.flags);
    if (k.allocDouble) {
        const doubles = [ws.alphaRow, ws.noiseRow, ws.uniRow, ws.vRow, ws.sgRow, ws.drive, ws.noiseGain, ws.vState, ws.gVNext, ws.sumGV, ws.sumGVEta, ws.resetAmt, ws.gsRow, ws.wJawRow];
        for (const a of doubles)
            k.free(a);
    }
}
