// One simulated step of a model with spike-frequency adaptation (spec §2.2 step 1): every neuron's threshold is
// A_t = thr + β·b_t, with the trace b_{t+1} = d·b_t + (1 − d)·z_t. The Bernoulli draw, refractoriness and reset
// follow lif-forward.ts with A_t in place of thr: u = (V − A)/(A − v_rest0), p = c·σ(T·u), v = V − (A − v_rest)·z.
// A plain loop (no kernel): adaptation is off in the reference's configs and the fast path stays untouched.
import { fastExp } from '../fast-exp';
import { REFRACTORY, SPIKE } from './trace';
/**
 * Advances every neuron by one step from the input current ws.cur and the step's draws (ws.noiseRow,
 * ws.uniRow); writes the spiking neurons to ws.spikeRing at listOff. With traceOff ≥ 0 (a recorded step) it
 * stores dz/dV, the noise, the flags, A_t and dz/dA_t at traceOff for the backward.
 * @returns the number of spikes
 */
export function adaptiveStep(mt, ws, listOff, traceOff) {
    const { dyn } = mt;
    const { alpha, thr, vr0, temperature: Tmp, probScale, gamma, decayB } = dyn;
    const beta = dyn.beta;
    const { vRest } = mt;
    const nRef = mt.dims.nRef;
    const { cur, vState, drive, noiseRow, noiseGain, uniRow, ref, bState, spikeRing } = ws;
    const rec = traceOff >= 0;
    let cnt = 0;
    for (let i = 0; i < mt.dims.n; i++) {
        const a = alpha[i];
        const V = a * vState[i] + (1 - a) * cur[i] + drive[i] + noiseRow[i] * noiseGain[i];
        const A = thr + beta[i] * bState[i];
        const span = A - vr0;
        let flag = 0;
        let sp = 0;
        let spA = 0;
        let v = V;
        if (ref[i] > 0) {
            ref[i]--;
            flag = REFRACTORY;
        }
        else {
            const sg = 1 / (1 + fastExp(-(Tmp * (V - A)) / span));
            // dz/du of the straight-through estimator, then du/dV = 1/span and du/dA = −(V − v_rest0)/span²
            const dzdu = gamma * probScale * Tmp * sg * (1 - sg);
            sp = dzdu / span;
            spA = (-dzdu * (V - vr0)) / (span * span);
            if (uniRow[i] < probScale * sg) {
                flag = SPIKE;
                ref[i] = nRef;
                spikeRing[listOff + cnt++] = i;
                v = V - (A - vRest[i]);
            }
        }
        vState[i] = v;
        bState[i] = decayB * bState[i] + (1 - decayB) * (flag & SPIKE);
        if (rec) {
            const o = traceOff + i;
            ws.sp[o] = sp;
            ws.eta[o] = noiseRow[i];
            ws.flags[o] = flag;
            ws.thrA[o] = A;
            ws.spA[o] = spA;
        }
    }
    return cnt;
}
/**
 * The backward's adjoint row (kernels/adjoint-row.ts) for a model with adaptation, at ring offset `off` and trace
 * offset `o` of step t, with the two extra paths of the threshold A_t = thr + β·b_t: dz_t/dA_t (stored by the
 * forward) and the reset −(A_t − v_rest)·z_t; then b_t = d·b_{t−1} + (1 − d)·z_{t−1} carries dL/db_t to
 * z_{t−1} (ws.gzB, added at the next, earlier step) and to b_{t−1} (ws.gBNext).
 */
export function adaptiveAdjointRow(mt, ws, off, o, gr) {
    const { alpha, decayB } = mt.dyn;
    const beta = mt.dyn.beta;
    const { vRest } = mt;
    const { gzRing, gsRow, gVNext, wJawRow, sumGV, sumGVEta, delta, gBNext, gzB, flags, sp, eta } = ws;
    const thrA = ws.thrA;
    const spA = ws.spA;
    for (let i = 0; i < mt.dims.n; i++) {
        const a = alpha[i];
        const agvn = a * gVNext[i];
        const z = flags[o + i] & SPIKE;
        const g = gzRing[off + i] + gsRow[i] - (thrA[o + i] - vRest[i]) * agvn + gr * wJawRow[i] + gzB[i];
        gzRing[off + i] = 0;
        const gV = agvn + sp[o + i] * g;
        const gB = beta[i] * (spA[o + i] * g - z * agvn) + decayB * gBNext[i];
        gBNext[i] = gB;
        gzB[i] = (1 - decayB) * gB;
        sumGV[i] += gV;
        sumGVEta[i] += gV * eta[o + i];
        delta[i] = (1 - a) * gV;
        gVNext[i] = gV;
    }
}
