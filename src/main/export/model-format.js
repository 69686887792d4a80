/** Format written by this version; files with a larger major number are refused. */
export const MODEL_FORMAT_VERSION = '1.0.0';
export const MODEL_FORMAT_TAG = 'rsnn-studio-model';
/** Datasets every format-1 file must contain (parameters are listed in /parameters@names). */
export const REQUIRED_DATASETS = [
    '/config',
    '/provenance',
    '/structure/areas',
    '/structure/neuron_area',
    '/structure/neuron_inhibitory',
    '/structure/neuron_session',
    '/structure/neuron_unit',
    '/structure/recorded_sessions',
    '/structure/split',
    '/state/trainer'
];
/** Sidecar path of a model file: the same name with `.json` appended (out.h5 → out.h5.json). */
export function sidecarPath(modelPath) {
    return `${modelPath}.json`;
}
