// Per-trial trial-matching features (spec §3.3 step 2): per-area population averages, filtered, z-scored, + jaw.
import { applyFilter, applyFilterTransposeAdd, type BandFilter } from './filters'
import type { AreaGroup, SessionTargets } from './types'

/** Feature blocks of one session: its qualifying areas, then the jaw when used. Block length = filter.outLen. */
export interface FeatureLayout {
  groups: AreaGroup[]
  jaw: { mean: number; std: number } | null
  filter: BandFilter
}

export function featureDim(layout: FeatureLayout): number {
  return layout.filter.outLen * (layout.groups.length + (layout.jaw ? 1 : 0))
}

/** The layout of a session's features, with the jaw block only when the session uses it and `withJaw`. */
export function sessionLayout(s: SessionTargets, filter: BandFilter, withJaw: boolean): FeatureLayout {
  return { groups: s.groups, jaw: s.useJaw && withJaw ? { mean: s.jawMean, std: s.jawStd } : null, filter }
}

/**
 * Features of B model trials, B × D (row-major): block g, bin l = (F·pop_g[b])[l] − μ_g) / σ_g with pop_g[b][t] the
 * mean of z[b,t,n] over the group's model neurons; the jaw block is (F·jaw[b] − μ_jaw)/σ_jaw.
 * `spikes` is B × T × N, `jaw` B × T.
 */
export function modelFeatures(
  layout: FeatureLayout,
  spikes: ArrayLike<number>,
  jaw: ArrayLike<number> | null,
  nTrials: number,
  nBins: number,
  nNeurons: number
): Float64Array {
  const L = layout.filter.outLen
  const D = featureDim(layout)
  const out = new Float64Array(nTrials * D)
  const pop = new Float64Array(nBins)
  for (let b = 0; b < nTrials; b++) {
    layout.groups.forEach((g, gi) => {
      pop.fill(0)
      const w = 1 / g.neurons.length
      for (let t = 0; t < nBins; t++) {
        const row = (b * nBins + t) * nNeurons
        let s = 0
        for (let q = 0; q < g.neurons.length; q++) s += spikes[row + g.neurons[q]]
        pop[t] = s * w
      }
      standardise(layout.filter, pop, 0, out, b * D + gi * L, g.mean, g.std)
    })
    if (layout.jaw && jaw) {
      const off = b * D + layout.groups.length * L
      standardise(layout.filter, jaw, b * nBins, out, off, layout.jaw.mean, layout.jaw.std)
    }
  }
  return out
}

function standardise(
  f: BandFilter,
  x: ArrayLike<number>,
  xOff: number,
  out: Float64Array,
  off: number,
  mean: number,
  std: number
): void {
  applyFilter(f, x, xOff, 1, out, off, 1)
  for (let l = 0; l < f.outLen; l++) out[off + l] = (out[off + l] - mean) / std
}

/**
 * Backward of modelFeatures: adds dL/dz (B × T × N) and dL/djaw (B × T) given dL/dfeatures (B × D).
 * d feature[g,l] / d z[b,t,n] = F[l,t] / (σ_g · n_g) for n in group g.
 */
export function modelFeaturesBackward(
  layout: FeatureLayout,
  gradFeatures: Float64Array,
  nTrials: number,
  nBins: number,
  nNeurons: number,
  gradSpikes: Float32Array,
  gradJaw: Float32Array | null
): void {
  const L = layout.filter.outLen
  const D = featureDim(layout)
  const gpop = new Float64Array(nBins)
  for (let b = 0; b < nTrials; b++) {
    layout.groups.forEach((g, gi) => {
      gpop.fill(0)
      applyFilterTransposeAdd(layout.filter, gradFeatures, b * D + gi * L, 1, gpop, 0, 1)
      const w = 1 / (g.std * g.neurons.length)
      for (let t = 0; t < nBins; t++) {
        const v = gpop[t] * w
        if (v === 0) continue
        const row = (b * nBins + t) * nNeurons
        for (let q = 0; q < g.neurons.length; q++) gradSpikes[row + g.neurons[q]] += v
      }
    })
    if (layout.jaw && gradJaw) {
      gpop.fill(0)
      applyFilterTransposeAdd(layout.filter, gradFeatures, b * D + layout.groups.length * L, 1, gpop, 0, 1)
      for (let t = 0; t < nBins; t++) gradJaw[b * nBins + t] += gpop[t] / layout.jaw.std
    }
  }
}

/**
 * Unstandardised filtered population averages of recorded trials: K × (groups · L) from session spikes K × T × U
 * (the same units as the model neurons of each group), and the filtered jaw K × L when `jaw` is given.
 */
export function rawDataFeatures(
  groups: AreaGroup[],
  filter: BandFilter,
  spikes: Uint8Array,
  jaw: Float32Array | null,
  nTrials: number,
  nBins: number,
  nUnits: number
): { neural: Float64Array; jaw: Float64Array | null } {
  const L = filter.outLen
  const G = groups.length
  const neural = new Float64Array(nTrials * G * L)
  const pop = new Float64Array(nBins)
  for (let k = 0; k < nTrials; k++) {
    groups.forEach((g, gi) => {
      const w = 1 / g.units.length
      for (let t = 0; t < nBins; t++) {
        const row = (k * nBins + t) * nUnits
        let s = 0
        for (let q = 0; q < g.units.length; q++) s += spikes[row + g.units[q]]
        pop[t] = s * w
      }
      applyFilter(filter, pop, 0, 1, neural, (k * G + gi) * L, 1)
    })
  }
  let jawOut: Float64Array | null = null
  if (jaw) {
    jawOut = new Float64Array(nTrials * L)
    for (let k = 0; k < nTrials; k++) applyFilter(filter, jaw, k * nBins, 1, jawOut, k * L, 1)
  }
  return { neural, jaw: jawOut }
}

/** Mean and population std of the given rows' values (row length `len`); std < 1e-4 → 1 (spec §3.3). */
export function rowStats(
  x: Float64Array,
  len: number,
  rows: ArrayLike<number>,
  col0 = 0,
  width = len
): [number, number] {
  let s = 0
  let s2 = 0
  let n = 0
  for (let r = 0; r < rows.length; r++) {
    const o = rows[r] * len + col0
    for (let c = 0; c < width; c++) {
      const v = x[o + c]
      s += v
      s2 += v * v
      n++
    }
  }
  if (n === 0) return [0, 1]
  const mean = s / n
  const std = Math.sqrt(Math.max(0, s2 / n - mean * mean))
  return [mean, std < 1e-4 ? 1 : std]
}
