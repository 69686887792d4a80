// The condition labels of a dataset for the CLI's reports (rsnn eval, rsnn perturb): its own labels, or the
// detection task's when it has none or is gone.
import { datasetConditions, type Conditions } from '@shared/domain/conditions'
import type { CliContext } from './command'

export async function datasetConditionsOf(ctx: CliContext, datasetId: string): Promise<Conditions> {
  const shown = await ctx.api['datasets.show']({ id: datasetId }).catch(() => null) // a run may outlive its dataset
  return datasetConditions(shown?.dataset.conditionLabels)
}

/** The conditions of a run's dataset. */
export async function runConditions(ctx: CliContext, runId: string): Promise<Conditions> {
  const { run } = await ctx.api['runs.get']({ id: runId, maxPoints: 2 })
  return datasetConditionsOf(ctx, run.datasetId)
}
