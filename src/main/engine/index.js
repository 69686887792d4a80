import { createKernels, selectKernels } from './kernels/select';
import { computeLosses, prepareLossTargets, tallyLayout } from './losses';
import { evaluateMetrics } from './metrics';
import { createLocalRunner } from './train/local-runner';
import { createTrainerWith } from './train/loop';
export { OUTCOME } from './types';
export { forwardShard, backwardNode } from './model/shard';
export { blockCount, blockTrials, planNodes, combineNodes, GradPool, BLOCK_TRIALS } from './model/grad-tree';
export { PARAM_NAMES, allocModelTensors, refreshModelTensors } from './model/params';
export { allocWorkspace } from './model/trace';
/**
 * Starts (or, with `state` from Trainer.saveState(), resumes) a fit of `data` with `config`.
 * Deterministic: same data, config and seed → same numbers, whatever the number of threads.
 * @throws AppError naming the field for bad data or settings (INVALID_SETTINGS, BAD_VALUE, SHAPE_MISMATCH, …)
 */
export function createTrainer(data, config, state, opts = {}) {
    const createRunner = opts.createRunner ??
        ((o) => {
            const choice = selectKernels({ backend: config.engine.backend, threads: 1 }, 1);
            return Promise.resolve(createLocalRunner({ ...o, kernels: choice.kernels }));
        });
    return createTrainerWith(data, config, state, {
        prepareTargets: (d, map, cfg) => prepareLossTargets(d, map, cfg),
        computeLosses,
        evaluateMetrics,
        createRunner,
        targetNotes: (t) => t.notes,
        tallyLayout
    });
}
export { createKernels };
// For hosts that run fits on several threads (fit-host/engine-worker.ts).
export { createPoolRunner } from './parallel/pool-runner';
export { availableKernelBackends } from './kernels/select';
// In-silico optogenetics: compile perturbations to light currents (Trainer.simulate applies them).
export { compileLight, lightNeurons, lightShape } from './perturb/light';
// Analysis building blocks for the comparison views (the same code the losses and metrics use, so views and
// metrics agree).
export { lossFilters, matchTrialSets, prepareLossTargets, applyFilter } from './losses/index';
/** The engine's small seeded PRNG (mulberry32), for reproducible shuffles outside the engine (held-out split). */
export { mulberry32 } from './losses/subsample';
export { classifyByTemplate, fitLickClassifier, isLick, predictLicks, typeFromLick, pca, areaResponses } from './metrics/index';
