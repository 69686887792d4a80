// Which dataset/run a view shows when the URL names none or a stale one (pure, unit-tested).

interface Ided {
  id: string
}

/** The run named in the URL if it exists, else the first (newest) candidate, else null. */
export function pickRun<T extends Ided>(candidates: T[], wanted: string | undefined): T | null {
  return candidates.find((r) => r.id === wanted) ?? candidates[0] ?? null
}

/** Same rule for datasets. */
export const pickDataset = pickRun
