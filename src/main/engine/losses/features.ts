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
 * Population means over each group's model neurons: out[(b·T + t)·G + g] = mean_{n ∈ g} z[b,t,n]. Gathers only the
 * grouped neurons of each row (no per-element branch), summing each group in ascending neuron order.
 */
export function groupMeans(
  groups: AreaGroup[],
  spikes: ArrayLike<number>,
  nTrials: number,
  nBins: number,
  nNeurons: number
): Float64Array {
  const G = groups.length
  const { idx, start } = groupIndex(groups)
  const inv = Float64Array.from(groups, (g) => 1 / g.neurons.length)
  const out = new Float64Array(nTrials * nBins * G)
  for (let r = 0; r < nTrials * nBins; r++) {
    const base = r * nNeurons
    const o = r * G
    for (let g = 0; g < G; g++) {
      let s = 0
      for (let q = start[g]; q < start[g + 1]; q++) s += spikes[base + idx[q]]
      out[o + g] = s * inv[g]
    }
  }
  return out
}

/** The groups' neurons concatenated (each group ascending) with group g at idx[start[g] … start[g + 1]). */
export function groupIndex(groups: AreaGroup[]): { idx: Int32Array; start: Int32Array } {
  const start = new Int32Array(groups.length + 1)
  groups.forEach((g, gi) => (start[gi + 1] = start[gi] + g.neurons.length))
  const idx = new Int32Array(start[groups.length])
  groups.forEach((g, gi) => idx.set(Int32Array.from(g.neurons).sort(), start[gi]))
  return { idx, start }
}

/** Backward of groupMeans: gradSpikes[b,t,n] += gpop[(b·T + t)·G + g] / n_g for n in group g. */
export function groupMeansBackward(
  groups: AreaGroup[],
  gpop: Float64Array,
  nTrials: number,
  nBins: number,
  nNeurons: number,
  gradSpikes: Float32Array
): void {
  const G = groups.length
  const { idx, start } = groupIndex(groups)
  const inv = Float64Array.from(groups, (g) => 1 / g.neurons.length)
  for (let r = 0; r < nTrials * nBins; r++) {
    const base = r * nNeurons
    const o = r * G
    for (let g = 0; g < G; g++) {
      const v = gpop[o + g] * inv[g]
      for (let q = start[g]; q < start[g + 1]; q++) gradSpikes[base + idx[q]] += v
    }
  }
}

/**
 * Features of B trials from population means `pop` (B × T × G, the layout's groups at columns g0 …): block g,
 * bin l = ((F·pop_g[b])[l] − μ_g)/σ_g; the jaw block (F·jaw[b] − μ_jaw)/σ_jaw. Returns B × D (row-major).
 */
export function featuresFromPop(
  layout: FeatureLayout,
  pop: Float64Array,
  G: number,
  g0: number,
  jaw: ArrayLike<number> | null,
  nTrials: number,
  nBins: number
): Float64Array {
  const L = layout.filter.outLen
  const D = featureDim(layout)
  const out = new Float64Array(nTrials * D)
  for (let b = 0; b < nTrials; b++) {
    layout.groups.forEach((g, gi) => {
      const off = b * D + gi * L
      applyFilter(layout.filter, pop, b * nBins * G + g0 + gi, G, out, off, 1)
      for (let l = 0; l < L; l++) out[off + l] = (out[off + l] - g.mean) / g.std
    })
    if (layout.jaw && jaw) {
      const off = b * D + layout.groups.length * L
      applyFilter(layout.filter, jaw, b * nBins, 1, out, off, 1)
      for (let l = 0; l < L; l++) out[off + l] = (out[off + l] - layout.jaw.mean) / layout.jaw.std
    }
  }
  return out
}

/** Backward of featuresFromPop: adds into gpop (B × T × G at columns g0 …) and gradJaw (B × T). */
export function featuresFromPopBackward(
  layout: FeatureLayout,
  gradFeatures: Float64Array,
  G: number,
  g0: number,
  nTrials: number,
  nBins: number,
  gpop: Float64Array,
  gradJaw: Float32Array | Float64Array | null
): void {
  const L = layout.filter.outLen
  const D = featureDim(layout)
  const scaled = new Float64Array(L)
  const gj = new Float64Array(nBins)
  for (let b = 0; b < nTrials; b++) {
    layout.groups.forEach((g, gi) => {
      for (let l = 0; l < L; l++) scaled[l] = gradFeatures[b * D + gi * L + l] / g.std
      applyFilterTransposeAdd(layout.filter, scaled, 0, 1, gpop, b * nBins * G + g0 + gi, G)
    })
    if (layout.jaw && gradJaw) {
      gj.fill(0)
      const off = b * D + layout.groups.length * L
      applyFilterTransposeAdd(layout.filter, gradFeatures, off, 1, gj, 0, 1)
      for (let t = 0; t < nBins; t++) gradJaw[b * nBins + t] += gj[t] / layout.jaw.std
    }
  }
}

/** Features of B model trials, B × D (spikes B × T × N, jaw B × T): groupMeans then featuresFromPop. */
export function modelFeatures(
  layout: FeatureLayout,
  spikes: ArrayLike<number>,
  jaw: ArrayLike<number> | null,
  nTrials: number,
  nBins: number,
  nNeurons: number
): Float64Array {
  const pop = groupMeans(layout.groups, spikes, nTrials, nBins, nNeurons)
  return featuresFromPop(layout, pop, layout.groups.length, 0, jaw, nTrials, nBins)
}

/** Backward of modelFeatures: adds dL/dz (B × T × N) and dL/djaw (B × T) given dL/dfeatures (B × D). */
export function modelFeaturesBackward(
  layout: FeatureLayout,
  gradFeatures: Float64Array,
  nTrials: number,
  nBins: number,
  nNeurons: number,
  gradSpikes: Float32Array,
  gradJaw: Float32Array | null
): void {
  const G = layout.groups.length
  const gpop = new Float64Array(nTrials * nBins * G)
  featuresFromPopBackward(layout, gradFeatures, G, 0, nTrials, nBins, gpop, gradJaw)
  groupMeansBackward(layout.groups, gpop, nTrials, nBins, nNeurons, gradSpikes)
}

/**
 * rawDataFeatures from the counts summed per area (ReducedSession.areaSums, K × A × T) instead of the spikes: each
 * group must hold every unit of its area (an identity neuron map), so that its sum is the area's.
 */
export function rawDataFeaturesFromSums(
  groups: AreaGroup[],
  filter: BandFilter,
  areaSums: Float64Array,
  nAreas: number,
  jaw: Float32Array | null,
  nTrials: number,
  nBins: number
): { neural: Float64Array; jaw: Float64Array | null } {
  return filteredTrialFeatures(groups, filter, jaw, nTrials, nBins, (k, g, pop) => {
    const w = 1 / g.units.length
    const row = (k * nAreas + g.area) * nBins
    for (let t = 0; t < nBins; t++) pop[t] = areaSums[row + t] * w
  })
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
  return filteredTrialFeatures(groups, filter, jaw, nTrials, nBins, (k, g, pop) => {
    const w = 1 / g.units.length
    for (let t = 0; t < nBins; t++) {
      const row = (k * nBins + t) * nUnits
      let s = 0
      for (let q = 0; q < g.units.length; q++) s += spikes[row + g.units[q]]
      pop[t] = s * w
    }
  })
}

/** Each trial's group population averages (written into `pop`, T long, by `fillPop`) and jaw, filtered. */
function filteredTrialFeatures(
  groups: AreaGroup[],
  filter: BandFilter,
  jaw: Float32Array | null,
  nTrials: number,
  nBins: number,
  fillPop: (trial: number, group: AreaGroup, pop: Float64Array) => void
): { neural: Float64Array; jaw: Float64Array | null } {
  const L = filter.outLen
  const G = groups.length
  const neural = new Float64Array(nTrials * G * L)
  const pop = new Float64Array(nBins)
  for (let k = 0; k < nTrials; k++) {
    groups.forEach((g, gi) => {
      fillPop(k, g, pop)
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
