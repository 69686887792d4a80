// Checks FitData and the settings that depend on it before a fit starts; every problem is an AppError naming
// the field, so the user sees which session/array or setting to fix.
import { AppError } from '@shared/contract/errors'
import type { FitConfig } from '@shared/domain/model-config'
import { checkLength, firstNonFinite } from '../arrays'
import type { FitData } from '../types'

export function validateFitData(data: FitData, cfg: FitConfig): void {
  if (!(data.dt > 0) || !Number.isFinite(data.dt)) {
    throw new AppError('INVALID_SETTINGS', `bin width must be a positive number of seconds, got ${data.dt}`, {
      field: 'dt'
    })
  }
  if (!Number.isInteger(data.nBins) || data.nBins < 2) {
    throw new AppError(
      'INVALID_SETTINGS',
      `the trial window holds ${data.nBins} bins of ${data.dt * 1000} ms: dt is larger than the window ` +
        `(at least 2 bins are needed); use a smaller dt or a longer window`,
      { field: 'dt' }
    )
  }
  if (data.sessions.length === 0) throw new AppError('EMPTY_RESULT', 'the data has no sessions', { field: 'sessions' })
  const T = data.nBins
  data.sessions.forEach((s, i) => {
    const f = (name: string): string => `sessions[${i}].${name}`
    const U = s.unitArea.length
    const K = s.outcome.length
    if (U === 0) throw new AppError('EMPTY_RESULT', `session "${s.name}" has no units`, { field: f('unitArea') })
    checkLength(s.unitInhibitory, U, f('unitInhibitory'))
    checkLength(s.spikes, K * T * U, f('spikes'))
    checkLength(s.stimulus, K, f('stimulus'))
    checkLength(s.heldOut, K, f('heldOut'))
    const bad = firstNonFinite(s.stimulus)
    if (bad >= 0)
      throw new AppError('BAD_VALUE', `trial ${bad} has stimulus ${s.stimulus[bad]}`, { field: f('stimulus') })
    for (let k = 0; k < K; k++) {
      if (s.stimulus[k] < 0)
        throw new AppError('BAD_VALUE', `trial ${k} has a negative stimulus`, { field: f('stimulus') })
      if (s.outcome[k] > 3)
        throw new AppError('BAD_VALUE', `trial ${k} has outcome code ${s.outcome[k]}`, { field: f('outcome') })
    }
    if (s.jaw) {
      checkLength(s.jaw, K * T, f('jaw'))
      const j = firstNonFinite(s.jaw)
      if (j >= 0) {
        throw new AppError('BAD_VALUE', `jaw value is ${s.jaw[j]} at trial ${Math.floor(j / T)}, bin ${j % T}`, {
          field: f('jaw')
        })
      }
    }
  })
  if (!(data.stimBin >= 0 && data.stimBin < T)) {
    throw new AppError('INVALID_SETTINGS', `stimulus bin ${data.stimBin} is outside the window of ${T} bins`, {
      field: 'stimBin'
    })
  }
  if (cfg.model.threshold <= cfg.model.vRest) {
    throw new AppError('INVALID_SETTINGS', 'threshold must be above the resting potential', {
      field: 'model.threshold'
    })
  }
}
