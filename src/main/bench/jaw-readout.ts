// The best jaw a model's readout could give from a session's recorded units, for bench:trial-structure: the
// least-squares readout (engine/train/jaw-init.ts, the one model.initJawFromData starts from) of the session's
// recorded motor-area excitatory units bounds what a fitted model with those units can do.
import { fitSessionJawReadout, type SessionJawReadout } from '../engine/train/jaw-init'
import type { EngineSession } from '../engine/types'

export type JawReadout = Pick<SessionJawReadout, 'units' | 'apply'>

/**
 * Fits the readout of session `s` (T bins of `dt` s, stimulus at bin `stimBin`, jaw filter τ `tauS` s) on its
 * training trials from its recorded units of `motorArea` that are excitatory. Null when the session has no jaw or no
 * such unit; then only a neuron the recording did not see could lick.
 */
export function fitJawReadout(
  s: EngineSession,
  T: number,
  dt: number,
  stimBin: number,
  motorArea: number,
  tauS: number
): JawReadout | null {
  const units = Array.from({ length: s.unitArea.length }, (_, u) => u).filter(
    (u) => s.unitArea[u] === motorArea && s.unitInhibitory[u] === 0
  )
  return fitSessionJawReadout(s, units, T, stimBin, Math.exp(-dt / tauS))
}
