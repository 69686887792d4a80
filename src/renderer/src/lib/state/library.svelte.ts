// Datasets and runs lists shared by the views; refreshed on demand and when main says the lists changed.
import type { DatasetSummary } from '@shared/domain/dataset'
import type { RunSummary } from '@shared/domain/fit'
import type { AppErrorData } from '@shared/contract/errors'
import { api, onEvent } from '../transport'
import { describeError } from '../errors'

let datasets = $state.raw<DatasetSummary[]>([])
let runs = $state.raw<RunSummary[]>([])
let loaded = $state(false)
let error = $state<AppErrorData | null>(null)
let subscribed = false

export const library = {
  get datasets(): DatasetSummary[] {
    return datasets
  },
  get runs(): RunSummary[] {
    return runs
  },
  get loaded(): boolean {
    return loaded
  },
  get error(): AppErrorData | null {
    return error
  }
}

/** Reloads both lists (newest first). Errors are kept in `library.error`, not thrown. */
export async function refreshLibrary(): Promise<void> {
  try {
    const [ds, rs] = await Promise.all([api['datasets.list']({}), api['runs.list']({})])
    datasets = [...ds].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    runs = [...rs].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    error = null
  } catch (e) {
    error = describeError(e)
  } finally {
    loaded = true
  }
  if (!subscribed) {
    subscribed = true
    onEvent('datasets.changed', () => void refreshLibrary())
  }
}

/** Replaces one run in the list (after pause/resume/cancel or a progress event) without a round trip. */
export function patchRun(run: RunSummary): void {
  const i = runs.findIndex((r) => r.id === run.id)
  runs = i < 0 ? [run, ...runs] : runs.map((r) => (r.id === run.id ? run : r))
}
