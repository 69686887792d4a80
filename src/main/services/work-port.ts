// Heavy work on stored runs that an entry may hand to a thread of its own (services/isolated): reading a
// checkpoint file, evaluating a checkpoint, and the HDF5 files of exports (model file, generated NWB). Default:
// done in the calling thread (tests, benches).
import type { Metrics } from '@shared/domain/fit'
import type { ModelParams } from '../engine'
import { readCheckpointParams, readCheckpointState } from '../model-files/checkpoint-file'
import type { ModelFileContent } from '../model-files/model-format'
import { readModelFile, writeModelFile } from '../model-files/model-h5'
import { writeGeneratedNwb, type GeneratedTrials } from '../model-files/nwb-writer'
import { readSessionsH5 } from '../io'
import type { IoPort } from './io-port'
import { evaluateCheckpoint, type CheckpointEvaluation } from './runs/evaluate'

/** Size and sha256 a checkpoint file must have (its row in the store). */
export interface CheckpointExpected {
  bytes: number
  sha256: string
}

export interface WorkPort {
  /** The trainer state (file verified against `expected` first) and the readable parameters of a checkpoint. */
  readCheckpoint(file: string, expected: CheckpointExpected): Promise<{ state: Uint8Array; params: ModelParams }>
  /** Held-out metrics of a stored checkpoint on its dataset file, recomputed (the fit's numbers, bit for bit). */
  evaluateCheckpoint(job: CheckpointEvaluation): Promise<Metrics>
  /** Writes a model file and its JSON sidecar (atomically; `force` replaces existing ones). */
  writeModelFile(
    path: string,
    content: ModelFileContent,
    opts: { force?: boolean }
  ): Promise<{ path: string; sidecarPath: string }>
  /** Reads and validates a model file. */
  readModelFile(path: string): Promise<ModelFileContent>
  /** Writes generated trials as NWB (atomically); resolves with the path written. */
  writeGeneratedNwb(path: string, trials: GeneratedTrials, opts: { force?: boolean }): Promise<string>
}

/** Reads a checkpoint in this thread (the worker runs the same function). */
export async function readCheckpoint(
  file: string,
  expected: CheckpointExpected
): Promise<{ state: Uint8Array; params: ModelParams }> {
  const state = await readCheckpointState(file, expected)
  return { state, params: await readCheckpointParams(file) }
}

/** The work done in the calling thread (its HDF5 and engine wasm memory stay with it), datasets read by `io`. */
export function inThreadWork(io: Pick<IoPort, 'readSessionsH5'> = { readSessionsH5 }): WorkPort {
  return {
    readCheckpoint,
    evaluateCheckpoint: (job) =>
      evaluateCheckpoint(job, { readCheckpointState, readSessions: async (file) => io.readSessionsH5(file) }),
    writeModelFile,
    readModelFile,
    writeGeneratedNwb
  }
}
