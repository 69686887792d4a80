// The time axis of a run's dataset for the model views (alignment column and the task's event medians), fetched
// with datasets.show whenever the dataset changes. Call during a component's initialisation (it owns an $effect).
import { api } from '../transport'
import { datasetTimeAxis, type DatasetTimeAxis } from '@shared/domain/time-axis'

export function datasetAxis(datasetId: () => string | undefined): { readonly axis: DatasetTimeAxis | null } {
  let axis = $state.raw<DatasetTimeAxis | null>(null)
  $effect(() => {
    const id = datasetId()
    axis = null
    if (!id) return
    let stale = false
    // Decoration only: when the dataset cannot be shown the view reports that itself; the axis then names
    // "the alignment event" and draws no task events.
    api['datasets.show']({ id }).then(
      (d) => {
        if (!stale) axis = datasetTimeAxis(d.sessions)
      },
      () => undefined
    )
    return () => {
      stale = true
    }
  })
  return {
    get axis() {
      return axis
    }
  }
}
