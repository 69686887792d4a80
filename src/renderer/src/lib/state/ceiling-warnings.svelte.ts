// Per dataset: the low-ceiling warning (best T′trial ceiling over every smoothing below 0.3), fetched once and
// shown beside every metric of its runs. Null = no warning (or none known yet).
import { api } from '../transport'

const known = $state<Record<string, string | null>>({})
// Bookkeeping only (which datasets were fetched), deliberately not reactive: the view reads `known`.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const asked = new Set<string>()

/** The dataset's warning; the first call for a dataset fetches it (the view updates when it arrives). */
export function ceilingWarning(datasetId: string | null | undefined): string | null {
  if (!datasetId) return null
  if (!asked.has(datasetId)) {
    asked.add(datasetId)
    api['timescale.suggest']({ id: datasetId }).then(
      (r) => (known[datasetId] = r.suggestion?.warning ?? null),
      () => (known[datasetId] = null) // a deleted dataset or one without ceilings: nothing to warn about
    )
  }
  return known[datasetId] ?? null
}
