// Two hand-built sessions for the T'trial tests: session 0 records a jaw (lick trials open it late), session 1 none.
import { prepareLossTargets } from '../../../src/main/engine/losses'
import type { LossTargets } from '../../../src/main/engine/losses/types'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'
import { fitData, lossConfig, neuronMap, session } from '../losses/fixtures'

export const T = 20
const K = 16
const U = 4

function recorded(seed: number, withJaw: boolean) {
  const rnd = mulberry32(seed)
  const outcome = Array.from({ length: K }, (_, k) => k % 2)
  const stimulus = Array.from({ length: K }, (_, k) => (k % 8 < 4 ? 1 : 0))
  const spikes = Array.from({ length: K }, () =>
    Array.from({ length: T }, () => Array.from({ length: U }, () => (rnd() < 0.3 ? 1 : 0)))
  )
  const jaw = withJaw
    ? Array.from({ length: K }, (_, k) =>
        Array.from({ length: T }, (_, t) => (outcome[k] === 0 && t >= 10 ? 2 : 0) + 0.3 * rnd())
      )
    : undefined
  const heldOut = Array.from({ length: K }, (_, k) => (k % 4 >= 2 ? 1 : 0))
  return { spikes, jaw, heldOut, stimulus, outcome }
}

export const withJaw = recorded(21, true)
export const noJaw = recorded(22, false)
const sessions = [
  session('jaw', [0, 0, 1, 1], withJaw.spikes, withJaw),
  session('no-jaw', [0, 0, 1, 1], noJaw.spikes, noJaw)
]
const map = neuronMap(
  [0, 1, 2, 3].flatMap((u) => [[0, u]]).concat([0, 1, 2, 3].map((u) => [1, u])) as [number, number][]
)

/** Loss targets of the two sessions; matchJaw false leaves the jaw out of the features. */
export function twoSessionTargets(matchJaw = true): LossTargets {
  return prepareLossTargets(fitData(sessions, T, 0.002), map, lossConfig({ filterMs: 4, resample: 2, matchJaw }), {
    minAreaNeurons: 2
  })
}

/** Held-out trials of both sessions (the same indices: heldOut is k % 4 ≥ 2 in each). */
export const held = Int32Array.from({ length: K }, (_, k) => k).filter((k) => k % 4 >= 2)

/**
 * Model trials that replay the held-out trials: trial b has session 0's held trial held[b] on neurons 0–3 and
 * session 1's on neurons 4–7; the jaw is `jaw` (B × T, e.g. flat) and the stimulus the held trials'.
 */
export function replayOfHeld(jaw: Float32Array | null) {
  const B = held.length
  const modelSpikes = new Uint8Array(B * T * 2 * U)
  held.forEach((k, b) => {
    for (let t = 0; t < T; t++) {
      for (let u = 0; u < U; u++) {
        modelSpikes[(b * T + t) * 2 * U + u] = withJaw.spikes[k][t][u]
        modelSpikes[(b * T + t) * 2 * U + U + u] = noJaw.spikes[k][t][u]
      }
    }
  })
  return {
    modelSpikes,
    modelJaw: jaw,
    modelStimulus: Float32Array.from(held, (k) => withJaw.stimulus[k]),
    heldOut: [held, held]
  }
}

/** B random model trials (spikes at rate 0.3, a random jaw), stimulus alternating 1, 0. */
export function randomModel(seed: number, B: number) {
  const rnd = mulberry32(seed)
  return {
    modelSpikes: Uint8Array.from({ length: B * T * 2 * U }, () => (rnd() < 0.3 ? 1 : 0)),
    modelJaw: Float32Array.from({ length: B * T }, () => 2 * rnd()),
    modelStimulus: Float32Array.from({ length: B }, (_, b) => (b % 2 === 0 ? 1 : 0)),
    heldOut: [held, held]
  }
}
