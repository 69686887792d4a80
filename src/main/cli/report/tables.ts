// The report's tables: the views' own tables (src/shared/tables), the jaw table only when the data has a jaw.
import type { Behaviour, ComparedRun, Connectivity, Variability } from '@shared/domain/comparison'
import { jawTable, trialTypeMixTable } from '@shared/tables/behaviour'
import { connectivityTable } from '@shared/tables/connectivity'
import { lossTable, metricsTable } from '@shared/tables/run'
import type { Table } from '@shared/tables/table'
import { featuresTable, pairsTable } from '@shared/tables/variability'

/** Every report table of one run. */
export function reportTables(v: Variability, b: Behaviour, c: Connectivity, r: ComparedRun): Table[] {
  return [
    featuresTable(v),
    pairsTable(v),
    trialTypeMixTable(b),
    ...(b.hasBehaviour ? [jawTable(b)] : []),
    connectivityTable(c),
    lossTable(r),
    metricsTable(r)
  ]
}
