import { withOverrides } from './config-fields';
export const fitPresets = [
    {
        id: 'quick',
        label: 'Quick (1 min)',
        description: 'A small network (50 neurons per area, 40 trials per step) for one minute: a first look, not a result.',
        config: withOverrides({
            model: { neuronsPerArea: 50, nInputs: 50, latentDim: 2 },
            optim: { batchSize: 40, steps: 400, evalEvery: 10, checkpointEvery: 10, earlyStopPatience: 0 }
        }),
        minutes: 1
    },
    {
        id: 'pseudodata',
        label: 'Pseudodata (reference)',
        description: 'The trial-matching paper’s pseudodata settings: 250 neurons per area, 200 trials per step, PSTH ×10 + trial matching ×20, lr 1e-3.',
        config: withOverrides({ optim: { steps: 8000 } }),
        minutes: null
    }
];
