// Model file format 1.x constants and the in-memory content of one file (see docs/model-format.md).
import type { FitConfig } from '@shared/domain/model-config'
import type { ModelParams } from '../engine'
import type { Provenance, RecordedSessions, Split } from './provenance'

/** Format written by this version; files with a larger major number are refused. */
export const MODEL_FORMAT_VERSION = '1.1.0'
export const MODEL_FORMAT_TAG = 'rsnn-studio-model'

/** Everything one model file holds. */
export interface ModelFileContent {
  params: ModelParams
  /** Full resolved fit configuration. */
  config: FitConfig
  provenance: Provenance
  /** Trainer.saveState() bytes of the exported checkpoint: reloading continues exactly. */
  state: Uint8Array
  /** Recorded units the model neurons link to (neuronMap.session/unit index into these). */
  recordedSessions: RecordedSessions
  /** Held-out trials per session (never used for gradients; evaluation uses them). */
  split: Split
}

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
] as const

/** Sidecar path of a model file: the same name with `.json` appended (out.h5 → out.h5.json). */
export function sidecarPath(modelPath: string): string {
  return `${modelPath}.json`
}
