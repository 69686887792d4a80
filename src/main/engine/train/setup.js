import { buildLayout } from '../model/layout';
import { initParams } from '../model/init';
import { buildDims } from '../model/params';
import { stitchSessions } from '../model/stitching';
import { lightRanks } from '../perturb/light';
import { PURPOSE, Rng } from '../rng';
import { validateFitData } from './validate';
/** Validates and builds the model of a fit. @throws AppError naming the bad field */
export function setupFit(data, cfg) {
    validateFitData(data, cfg);
    const layout = buildLayout(data, cfg.model);
    const { dims, dyn } = buildDims(cfg.model, layout, data.dt, data.nBins, data.stimBin);
    const seed = cfg.optim.seed;
    const map = stitchSessions(data, layout, new Rng(seed, PURPOSE.stitching));
    const params = initParams(layout, dims, new Rng(seed, PURPOSE.init), cfg.model.threshold, cfg.model.vRest);
    const lightRank = lightRanks(layout.neuronArea, layout.neuronInhibitory, new Rng(seed, PURPOSE.light));
    return { layout, dims, dyn, map, params, lightRank };
}
