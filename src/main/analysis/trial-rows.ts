// Which trials a comparison shows: the held-out recorded trials of every session, and the stimuli to simulate.
import type { FitData } from '../engine'

/** Recorded held-out trials, one row each: session index, trial index in that session, outcome code, stimulus. */
export interface RecordedRows {
  session: Int32Array
  trial: Int32Array
  outcome: Uint8Array
  stimulus: Float32Array
}

/** Held-out trials of every session of `data`, in session then trial order. */
export function heldOutRows(data: FitData): RecordedRows {
  const session: number[] = []
  const trial: number[] = []
  const outcome: number[] = []
  const stimulus: number[] = []
  data.sessions.forEach((s, si) => {
    for (let k = 0; k < s.heldOut.length; k++) {
      if (s.heldOut[k] !== 1) continue
      session.push(si)
      trial.push(k)
      outcome.push(s.outcome[k]!)
      stimulus.push(s.stimulus[k]!)
    }
  })
  return {
    session: Int32Array.from(session),
    trial: Int32Array.from(trial),
    outcome: Uint8Array.from(outcome),
    stimulus: Float32Array.from(stimulus)
  }
}

/** Stimulus of each generated trial: every recorded row's stimulus `perTrial` times (row-major: row, repeat). */
export function generatedStimuli(rows: RecordedRows, perTrial: number): Float32Array {
  const out = new Float32Array(rows.stimulus.length * perTrial)
  rows.stimulus.forEach((s, i) => out.fill(s, i * perTrial, (i + 1) * perTrial))
  return out
}
