// Matched recorded/generated trial pairs: per session and stimulus condition, the trial-matching assignment
// of the loss itself (Trainer.matchTrialSet: Hungarian on the session's z-scored per-area features + jaw).
import type { FitData, Simulation, Trainer } from '../engine'
import type { RecordedRows } from './trial-rows'

/**
 * Every recorded row is paired with a distinct generated trial of the same stimulus when enough exist (each
 * session is matched on its own, so a generated trial may pair with rows of several sessions).
 * @returns pairs [nPairs × 2] = (recorded row, generated trial), ordered by recorded row
 */
export function matchTrials(
  model: Pick<Trainer, 'matchTrialSet'>,
  data: FitData,
  rows: RecordedRows,
  sim: Simulation
): Int32Array {
  const pairs: [number, number][] = []
  const TN = sim.nBins * sim.nNeurons
  data.sessions.forEach((sess, s) => {
    const recRows: number[] = []
    rows.session.forEach((rs, r) => rs === s && recRows.push(r))
    for (const c of new Set(recRows.map((r) => rows.stimulus[r]!))) {
      const ri = recRows.filter((r) => rows.stimulus[r] === c)
      const gi: number[] = []
      sim.stimulus.forEach((gs, b) => gs === c && gi.push(b))
      if (!gi.length) continue
      const spikes = new Uint8Array(gi.length * TN)
      gi.forEach((b, i) => spikes.set(sim.spikes.subarray(b * TN, (b + 1) * TN), i * TN))
      let jaw: Float32Array | null = null
      if (sess.jaw && sim.jaw.length === sim.nTrials * sim.nBins) {
        const j = new Float32Array(gi.length * sim.nBins)
        gi.forEach((b, i) => j.set(sim.jaw.subarray(b * sim.nBins, (b + 1) * sim.nBins), i * sim.nBins))
        jaw = j
      }
      const trialToRow = new Map(ri.map((r) => [rows.trial[r]!, r]))
      const m = model.matchTrialSet(
        s,
        spikes,
        jaw,
        gi.length,
        Int32Array.from(ri, (r) => rows.trial[r]!)
      )
      for (const p of m.pairs) pairs.push([trialToRow.get(p.data)!, gi[p.model]!])
    }
  })
  pairs.sort((x, y) => x[0] - y[0])
  return Int32Array.from(pairs.flat())
}
