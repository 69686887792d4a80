// The one RPC table: every method main serves, with input and output schemas. Add domain tables here.
import type { ApiOf, HandlersOf } from './define'
import { appMethods } from './app-methods'
import { datasetsMethods } from './datasets-methods'
import { runsMethods } from './runs-methods'
import { exportsMethods } from './exports-methods'
import { comparisonsMethods } from './comparisons-methods'
import { perturbationsMethods } from './perturbations-methods'
import { timescaleMethods } from './timescale-methods'
import { sweepsMethods } from './sweeps-methods'

export const methods = {
  ...appMethods,
  ...datasetsMethods,
  ...runsMethods,
  ...exportsMethods,
  ...comparisonsMethods,
  ...perturbationsMethods,
  ...timescaleMethods,
  ...sweepsMethods
}
export type Methods = typeof methods
export type MethodName = keyof Methods & string
export type Api = ApiOf<Methods>
export type Handlers = HandlersOf<Methods>
