// Connectivity view data: area-to-area mean recurrent weights (E and I presynaptic separately, delays summed)
// and the distribution of non-zero weight magnitudes.
import type { ModelParams } from '../engine'

export interface ConnectivityData {
  /** [post × pre] mean weight over all (pre, post) neuron pairs of the two areas. */
  meanExc: Float32Array
  meanInh: Float32Array
  histogram: { edges: Float32Array; exc: Uint32Array; inh: Uint32Array }
}

/** Recurrent weight arrays of the model: every parameter named w_rec_* ([pre, post], ≥ 0). */
export function recurrentGroups(p: ModelParams): Float32Array[] {
  const n = p.neuronArea.length
  return Object.entries(p.arrays)
    .filter(([name, a]) => name.startsWith('w_rec') && a.data.length === n * n)
    .map(([, a]) => a.data)
}

/** Area-to-area means and a histogram with `nBins` bins over [0, max magnitude]. */
export function connectivity(p: ModelParams, nBins = 40): ConnectivityData {
  const n = p.neuronArea.length
  const A = p.areas.length
  const groups = recurrentGroups(p)
  const sum = [new Float64Array(A * A), new Float64Array(A * A)]
  const pairs = [new Float64Array(A * A), new Float64Array(A * A)]
  const w = new Float64Array(n * n)
  for (const g of groups) for (let i = 0; i < n * n; i++) w[i] += Math.abs(g[i]!)
  let max = 0
  for (let pre = 0; pre < n; pre++) {
    const inh = p.neuronInhibitory[pre] === 1 ? 1 : 0
    for (let post = 0; post < n; post++) {
      if (pre === post) continue
      const cell = p.neuronArea[post]! * A + p.neuronArea[pre]!
      sum[inh]![cell] += w[pre * n + post]!
      pairs[inh]![cell]++
      max = Math.max(max, w[pre * n + post]!)
    }
  }
  const mean = (k: number): Float32Array =>
    Float32Array.from(sum[k]!, (s, i) => (pairs[k]![i]! ? s / pairs[k]![i]! : 0))
  const top = max > 0 ? max : 1
  const edges = Float32Array.from({ length: nBins + 1 }, (_, i) => (i / nBins) * top)
  const counts = [new Uint32Array(nBins), new Uint32Array(nBins)]
  for (let pre = 0; pre < n; pre++) {
    const inh = p.neuronInhibitory[pre] === 1 ? 1 : 0
    for (let post = 0; post < n; post++) {
      const v = w[pre * n + post]!
      if (v <= 0) continue
      counts[inh]![Math.min(nBins - 1, Math.floor((v / top) * nBins))]!++
    }
  }
  return { meanExc: mean(0), meanInh: mean(1), histogram: { edges, exc: counts[0]!, inh: counts[1]! } }
}
