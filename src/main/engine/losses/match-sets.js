// Trial-matching assignment between recorded and generated trials of one session, for views (matched pairs).
import { hungarian } from '../ot/hungarian';
import { modelFeatures, sessionLayout } from './features';
import { meanSquaredCost, selectRows } from './trial-cost';
/**
 * Optimal one-to-one matching (Hungarian, all min(B, |trials|) pairs, no subsampling) between the generated trials
 * (spikes B × T × N, jaw B × T or null) and the recorded `trials` of session `session`, on the features of the
 * trial-matching loss. Pairs are sorted by model row. Empty when the session has no qualifying area.
 */
export function matchTrialSets(targets, session, modelSpikes, modelJaw, nModel, trials) {
    const s = targets.sessions[session];
    if (!s)
        throw new RangeError(`matchTrialSets: no session ${session}`);
    const layout = sessionLayout(s, targets.featureFilter, modelJaw !== null);
    const X = modelFeatures(layout, modelSpikes, modelJaw, nModel, targets.nBins, targets.nNeurons);
    const D = nModel > 0 ? X.length / nModel : 0;
    const Y = selectRows(s.features, s.featureDim, trials, D);
    if (D === 0 || s.groups.length === 0)
        return { pairs: [], dim: D, modelFeatures: X, dataFeatures: Y };
    const all = (n) => Int32Array.from({ length: n }, (_, i) => i);
    const C = meanSquaredCost(X, all(nModel), Y, all(trials.length), D);
    const a = hungarian(C, nModel, trials.length);
    const pairs = [];
    a.rowToCol.forEach((j, i) => {
        if (j >= 0)
            pairs.push({ model: i, data: trials[j], cost: C[i * trials.length + j] });
    });
    return { pairs, dim: D, modelFeatures: X, dataFeatures: Y };
}
