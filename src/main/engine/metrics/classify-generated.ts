// Trial type of generated trials, exactly as the held-out metrics decide it (spec §5.4), so the views agree with
// trial_type_model: the lick classifier on the filtered jaw when the data has a jaw, else the nearest recorded
// trial-type template of the trial-matching features. Trainer.classifyTrials calls it with the fit's own targets.
import type { LossTargets } from '../losses/types'
import type { FitData, Simulation, TrialClassification } from '../types'
import { fitLickClassifier, isLick, predictLicks } from './lick'
import { classifyByTemplate, typeFromLick } from './trial-types'

/** Classifies every generated trial of `sim` against the recorded training trials of `data`. */
export function classifyGenerated(targets: LossTargets, data: FitData, sim: Simulation): TrialClassification {
  const B = sim.nTrials
  const hasJaw = data.sessions.some((s) => s.jaw !== null) && sim.jaw.length === B * data.nBins
  const lick = hasJaw ? fitLickClassifier(data, targets.featureFilter) : null
  if (lick) {
    const licks = predictLicks(lick, targets.featureFilter, sim.jaw, B, data.nBins)
    const outcome = Uint8Array.from(licks, (l, b) => typeFromLick(l, sim.stimulus[b]!))
    const acc = (lick.trainAccuracy * 100).toFixed(0)
    return {
      outcome,
      lick: Uint8Array.from(licks, Number),
      method: `lick classifier on the filtered jaw (linear, ${acc} % correct on recorded training trials)`
    }
  }
  const outcome = classifyByTemplate(targets, sim.spikes, hasJaw ? sim.jaw : null, sim.stimulus)
  return {
    outcome,
    lick: Uint8Array.from(outcome, (o) => (isLick(o) ? 1 : 0)),
    method: 'nearest recorded trial-type template of per-area population activity'
  }
}
