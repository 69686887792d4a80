// Heavy work on stored runs that an entry may hand to a thread of its own (services/isolated): reading a
// checkpoint file (HDF5) and evaluating a checkpoint. Default: done in the calling thread (tests, benches).
import type { Metrics } from '@shared/domain/fit'
import type { ModelParams } from '../engine'
import { readCheckpointParams, readCheckpointState } from '../model-files/checkpoint-file'
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
      evaluateCheckpoint(job, { readCheckpointState, readSessions: async (file) => io.readSessionsH5(file) })
  }
}
