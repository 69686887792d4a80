// Joins fetched (decimated) loss curves with live points pushed after them, for the live loss chart.

export interface CurveArrays {
  step: ArrayLike<number>
  total: ArrayLike<number | null>
  psth: ArrayLike<number | null>
  trial: ArrayLike<number | null>
  reg: ArrayLike<number | null>
}

export interface MergedCurves {
  step: Float64Array
  total: Float64Array
  psth: Float64Array
  trial: Float64Array
  reg: Float64Array
}

const terms = ['total', 'psth', 'trial', 'reg'] as const

/**
 * Fetched curves followed by the live points whose step is beyond the last fetched step (null → NaN).
 * Steps stay strictly increasing, so the chart never draws backwards.
 */
export function mergeCurves(fetched: CurveArrays | null, live: CurveArrays | null): MergedCurves {
  const last = fetched && fetched.step.length ? (fetched.step[fetched.step.length - 1] as number) : -Infinity
  const liveIdx: number[] = []
  let prev = last
  if (live) {
    for (let i = 0; i < live.step.length; i++) {
      const s = live.step[i] as number
      if (s > prev) {
        liveIdx.push(i)
        prev = s
      }
    }
  }
  const nf = fetched?.step.length ?? 0
  const n = nf + liveIdx.length
  const out = {
    step: new Float64Array(n),
    total: new Float64Array(n),
    psth: new Float64Array(n),
    trial: new Float64Array(n),
    reg: new Float64Array(n)
  }
  for (let i = 0; i < nf; i++) {
    out.step[i] = fetched?.step[i] as number
    for (const t of terms) out[t][i] = (fetched?.[t][i] as number | null) ?? NaN
  }
  liveIdx.forEach((j, k) => {
    out.step[nf + k] = live?.step[j] as number
    for (const t of terms) out[t][nf + k] = (live?.[t][j] as number | null) ?? NaN
  })
  return out
}

/** The last recorded value of a per-step series (null and NaN skipped): a finished run's figure without live progress. */
export function lastRecorded(values: ArrayLike<number | null> | undefined): number | null {
  for (let i = (values?.length ?? 0) - 1; i >= 0; i--) {
    const v = values![i]
    if (typeof v === 'number' && Number.isFinite(v)) return v
  }
  return null
}
