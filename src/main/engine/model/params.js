import { newFloat } from '../arrays';
import { inhibitionIsLocal } from './local-inhibition';
/** Trainable arrays, in the fixed order used by Adam, checkpoints and exports. */
export const PARAM_NAMES = [
    'w_rec_d0',
    'w_rec_d1',
    'w_in',
    'v_rest',
    'noise_scale',
    'latent',
    'w_jaw',
    'jaw_affine'
];
/** Shapes, units and meanings of the parameters (exports and checkpoints). */
export function paramShapes(d) {
    return {
        w_rec_d0: { shape: [d.n, d.n], unit: '1', description: `recurrent weights, delay ${d.delays[0]} steps, [pre, post], ≥ 0, sign by presynaptic type` },
        w_rec_d1: { shape: [d.n, d.n], unit: '1', description: `recurrent weights, delay ${d.delays[1]} steps, [pre, post], ≥ 0, sign by presynaptic type` },
        w_in: { shape: [d.nIn, d.n], unit: '1', description: 'thalamic input weights [input, post], ≥ 0, sign by input type' },
        v_rest: { shape: [d.n], unit: 'threshold units', description: 'resting potential per neuron' },
        noise_scale: { shape: [d.n], unit: '1', description: 'membrane noise scale per neuron' },
        latent: { shape: [d.latentDim, d.n], unit: 'threshold units', description: 'per-trial latent offset loadings Θ (o = u·Θ, u ~ U(−½,½)^L)' },
        w_jaw: { shape: [d.n], unit: '1', description: 'jaw readout weight per neuron (non-zero on motor-area excitatory neurons)' },
        jaw_affine: { shape: [2], unit: '1', description: 'jaw output gain and offset' }
    };
}
/** Number of elements of each parameter. */
export function paramSizes(d) {
    const s = paramShapes(d);
    const out = {};
    for (const k of PARAM_NAMES)
        out[k] = s[k].shape.reduce((a, b) => a * b, 1);
    return out;
}
/** Zero-filled parameter set. */
export function allocParams(d, precision = 'f32') {
    const sizes = paramSizes(d);
    const out = {};
    for (const k of PARAM_NAMES)
        out[k] = newFloat(precision, sizes[k]);
    return out;
}
/** Deep copy of a parameter set. */
export function cloneParams(p) {
    const out = {};
    for (const k of PARAM_NAMES)
        out[k] = p[k].slice();
    return out;
}
/** Copies src into dst element-wise (same shapes). */
export function copyParams(dst, src) {
    for (const k of PARAM_NAMES)
        dst[k].set(src[k]);
}
/** Dimensions and dynamics from config, layout, bin width (s) and trial length (bins). */
export function buildDims(m, layout, dtS, nBins, stimBin) {
    const dtMs = dtS * 1000;
    const steps = (ms) => Math.round(ms / dtMs);
    const d0 = Math.max(1, steps(m.delaysMs[0]));
    const d1 = Math.max(1, steps(m.delaysMs[1]));
    const alpha = new Float64Array(layout.n);
    for (let i = 0; i < layout.n; i++) {
        alpha[i] = Math.exp(-dtMs / (layout.neuronInhibitory[i] ? m.tauInhMs : m.tauExcMs));
    }
    const dims = {
        n: layout.n,
        nE: layout.nE,
        nIn: layout.nIn,
        nInE: layout.nInE,
        nStim: layout.nStim,
        nBins,
        warmup: steps(m.warmupMs),
        latentDim: m.latentDim,
        delays: [d0, d1],
        maxDelay: Math.max(d0, d1),
        nRef: Math.floor(m.refractoryMs / dtMs + 1e-9),
        adaptive: false,
        nAreas: layout.areas.length
    };
    const beta = adaptationStrengths(layout.n, m.adaptiveFraction, m.adaptationBeta);
    dims.adaptive = beta !== null;
    const dyn = {
        dtMs,
        alpha,
        thr: m.threshold,
        vr0: m.vRest,
        temperature: m.temperature,
        // spec §2.2: p = σ(T·u)·dt/2 (dt in ms); capped at 1 so that p stays a probability for dt > 2 ms.
        probScale: Math.min(1, dtMs / 2),
        gamma: m.dampening,
        noiseStd: m.noiseLevel * Math.sqrt(dtMs),
        alphaJaw: Math.exp(-dtMs / m.tauJawMs),
        p0: Math.min(1, m.inputRateHz * dtS),
        stimStart: stimBin + steps(m.thalamicDelayMs),
        stimSteps: Math.max(1, steps(m.stimDurationMs)),
        stimGain: m.stimGain,
        beta,
        decayB: Math.exp(-dtMs / m.tauAdaptationMs)
    };
    return { dims, dyn };
}
/** β per neuron: `beta` on round(fraction·n) neurons spread evenly over the index (i adapts when ⌊(i+1)f⌋ > ⌊i·f⌋), else 0. */
export function adaptationStrengths(n, fraction, beta) {
    if (fraction <= 0 || beta <= 0)
        return null;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++)
        if (Math.floor((i + 1) * fraction + 1e-9) > Math.floor(i * fraction + 1e-9))
            out[i] = beta;
    return out.some((b) => b > 0) ? out : null;
}
export function allocModelTensors(dims, dyn, motor, k) {
    const n = dims.n;
    return {
        dims,
        dyn,
        motor,
        wRec: [k.allocFloat(n * n), k.allocFloat(n * n)],
        wIn: k.allocFloat(dims.nIn * n),
        vRest: new Float64Array(n),
        noiseScale: new Float64Array(n),
        latent: new Float64Array(dims.latentDim * n),
        wJaw: new Float64Array(n),
        jawGain: 0,
        jawBias: 0,
        inhLocal: new Int32Array(1)
    };
}
/** Writes the effective tensors from the stored parameters. */
export function refreshModelTensors(mt, p) {
    const { n, nE, nIn, nInE } = mt.dims;
    for (let g = 0; g < 2; g++) {
        const src = g === 0 ? p.w_rec_d0 : p.w_rec_d1;
        const dst = mt.wRec[g];
        for (let j = 0; j < n; j++) {
            const s = j < nE ? 0.5 : -0.5;
            const base = j * n;
            for (let i = 0; i < n; i++)
                dst[base + i] = s * src[base + i];
        }
    }
    for (let k = 0; k < nIn; k++) {
        const s = k < nInE ? 0.5 : -0.5;
        const base = k * n;
        for (let i = 0; i < n; i++)
            mt.wIn[base + i] = s * p.w_in[base + i];
    }
    mt.vRest.set(p.v_rest);
    mt.noiseScale.set(p.noise_scale);
    mt.latent.set(p.latent);
    mt.wJaw.set(p.w_jaw);
    mt.jawGain = p.jaw_affine[0];
    mt.jawBias = p.jaw_affine[1];
    mt.inhLocal[0] = inhibitionIsLocal(mt.dims, mt.wRec) ? 1 : 0;
}
