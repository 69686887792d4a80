// timescale.* handlers over DatasetTimescales (ceilings by smoothing width, suggested smoothing and dt).
import { resolveFitConfig } from '@shared/domain/model-config'
import type { Domain, HandlersFor } from '../domain'

const DEFAULT_MODEL = resolveFitConfig({}).model

export const timescaleDomain: Domain = {
  name: 'timescale',
  create: (ctx) => {
    const ts = ctx.timescales
    const handlers: HandlersFor<'timescale'> = {
      'timescale.suggest': async ({ id, tauExcMs, tauInhMs, filterMs }) => {
        const model = { tauExcMs: tauExcMs ?? DEFAULT_MODEL.tauExcMs, tauInhMs: tauInhMs ?? DEFAULT_MODEL.tauInhMs }
        const sessions = await ctx.datasets.sessions(id)
        return {
          ceilings_by_smoothing: await ts.ladder(id),
          dataDtMs: (sessions[0]?.binning.dt ?? NaN) * 1000,
          suggestion: await ts.suggest(id, model, filterMs)
        }
      }
    }
    return { handlers }
  }
}
