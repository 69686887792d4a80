// Fit set-up from data + config: validation, layout (with automatic neuron count), dimensions, stitching map
// and initial parameters — everything derived deterministically from (data, config, seed).
import type { FitConfig } from '@shared/domain/model-config'
import { buildLayout, type Layout } from '../model/layout'
import { initParams } from '../model/init'
import { buildDims, type Dims, type Dynamics, type ParamSet } from '../model/params'
import { stitchSessions } from '../model/stitching'
import { lightRanks } from '../perturb/light'
import { PURPOSE, Rng } from '../rng'
import type { FitData, NeuronMap } from '../types'
import { validateFitData } from './validate'

export interface FitSetup {
  layout: Layout
  dims: Dims
  dyn: Dynamics
  map: NeuronMap
  params: ParamSet
  /** The model's light-sensitive order (perturb/light.ts), fixed by the seed. */
  lightRank: Int32Array
}

/** Validates and builds the model of a fit. @throws AppError naming the bad field */
export function setupFit(data: FitData, cfg: FitConfig): FitSetup {
  validateFitData(data, cfg)
  const layout = buildLayout(data, cfg.model)
  const { dims, dyn } = buildDims(cfg.model, layout, data.dt, data.nBins, data.stimBin)
  const seed = cfg.optim.seed
  const map = stitchSessions(data, layout, new Rng(seed, PURPOSE.stitching))
  const params = initParams(layout, dims, new Rng(seed, PURPOSE.init), cfg.model.threshold, cfg.model.vRest)
  const lightRank = lightRanks(layout.neuronArea, layout.neuronInhibitory, new Rng(seed, PURPOSE.light))
  return { layout, dims, dyn, map, params, lightRank }
}
