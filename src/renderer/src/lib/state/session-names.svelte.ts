// Session names of a dataset as imported (views that list trials name their session, not its index).
import { api } from '../transport'

const names = $state<Record<string, string[]>>({})
const asked = new Set<string>()

/** The dataset's session names in order; [] until fetched (reactive: views update when they arrive). */
export function sessionNamesOf(datasetId: string | undefined): string[] {
  if (!datasetId) return []
  if (!asked.has(datasetId)) {
    asked.add(datasetId)
    api['datasets.show']({ id: datasetId }).then(
      (d) => (names[datasetId] = d.sessions.map((s) => s.name)),
      () => asked.delete(datasetId)
    )
  }
  return names[datasetId] ?? []
}
