// Neuron layout (spec §2.1): areas, E/I populations (E-first globally), motor neurons, recurrent masks,
// input channel types, and the automatic raise of neurons per area so that every recorded unit fits.
import { AppError } from '@shared/contract/errors';
/** Recorded units per (area, type) summed over sessions: what stitching needs (spec §1.5). */
export function recordedCounts(data) {
    const e = new Int32Array(data.areas.length);
    const i = new Int32Array(data.areas.length);
    data.sessions.forEach((s, si) => {
        for (let u = 0; u < s.unitArea.length; u++) {
            const a = s.unitArea[u];
            if (!(a >= 0 && a < data.areas.length)) {
                throw new AppError('INDEX_OUT_OF_RANGE', `unit ${u} has area index ${a}`, {
                    field: `sessions[${si}].unitArea`
                });
            }
            if (s.unitInhibitory[u] === 1)
                i[a]++;
            else
                e[a]++;
        }
    });
    return { e, i };
}
/** E and I counts per area for n neurons per area. */
export function splitEI(n, excFraction) {
    const nE = Math.floor(excFraction * n + 1e-9);
    return { nE, nI: n - nE };
}
/** Builds the layout; raises neuronsPerArea when the recordings need more neurons (reported in notes). */
export function buildLayout(data, model) {
    const A = data.areas.length;
    if (A === 0)
        throw new AppError('INVALID_SETTINGS', 'the data has no brain areas', { field: 'areas' });
    const notes = [];
    const need = recordedCounts(data);
    let n = model.neuronsPerArea;
    const fits = (m) => {
        const { nE, nI } = splitEI(m, model.excFraction);
        for (let a = 0; a < A; a++)
            if (nE < need.e[a] || nI < need.i[a])
                return false;
        return nE >= 1 && nI >= 1;
    };
    const start = splitEI(n, model.excFraction);
    if (start.nE < 1 || start.nI < 1) {
        throw new AppError('INVALID_SETTINGS', `${n} neurons per area with excitatory fraction ${model.excFraction} leaves an area with ` +
            `${start.nE} excitatory and ${start.nI} inhibitory neurons; each needs at least one of each`, { field: 'model.neuronsPerArea' });
    }
    while (!fits(n))
        n++;
    if (n !== model.neuronsPerArea) {
        notes.push(`neuronsPerArea raised from ${model.neuronsPerArea} to ${n} so that every recorded unit has its own ` +
            `model neuron of the same area and type`);
    }
    const { nE: nEA, nI: nIA } = splitEI(n, model.excFraction);
    const N = A * n;
    const nE = A * nEA;
    const neuronArea = new Int32Array(N);
    const neuronInhibitory = new Uint8Array(N);
    for (let a = 0; a < A; a++) {
        for (let k = 0; k < nEA; k++)
            neuronArea[a * nEA + k] = a;
        for (let k = 0; k < nIA; k++) {
            neuronArea[nE + a * nIA + k] = a;
            neuronInhibitory[nE + a * nIA + k] = 1;
        }
    }
    const motorAreas = resolveMotorAreas(data.areas, model.motorAreas);
    const motorList = [];
    for (let j = 0; j < nE; j++)
        if (motorAreas.has(neuronArea[j]))
            motorList.push(j);
    const recMask = new Uint8Array(N * N);
    for (let j = 0; j < N; j++) {
        const inh = neuronInhibitory[j] === 1;
        for (let i = 0; i < N; i++) {
            if (i === j)
                continue;
            if (inh && model.restrictInterAreaInhibition && neuronArea[i] !== neuronArea[j])
                continue;
            recMask[j * N + i] = 1;
        }
    }
    const nIn = model.nInputs;
    return {
        areas: data.areas.slice(),
        nPerArea: n,
        nEPerArea: nEA,
        nIPerArea: nIA,
        n: N,
        nE,
        neuronArea,
        neuronInhibitory,
        nIn,
        nInE: Math.min(nIn, Math.max(1, Math.floor(model.excFraction * nIn + 1e-9))),
        // spec §2.5: p_stim = 0.5 of the channels carry the (single) stimulus onset.
        nStim: Math.max(1, Math.floor(nIn / 2)),
        motor: Int32Array.from(motorList),
        recMask,
        notes
    };
}
function resolveMotorAreas(areas, names) {
    if (names.length === 0)
        return new Set([areas.length - 1]);
    const out = new Set();
    for (const name of names) {
        const a = areas.indexOf(name);
        if (a < 0) {
            throw new AppError('INVALID_SETTINGS', `motor area "${name}" is not one of ${areas.join(', ')}`, {
                field: 'model.motorAreas'
            });
        }
        out.add(a);
    }
    return out;
}
