// Sparse spike lists (datasets.raster, live fit samples) → dense rows × bins count matrices for the Raster canvas.

export interface SparseSpikes {
  /** Row (trial or neuron) of each spike. */
  row: ArrayLike<number>
  /** Time bin of each spike. */
  bin: ArrayLike<number>
}

/**
 * Counts spikes per (row, bin) into a rows × bins matrix; spikes outside the matrix are ignored.
 * `keep` (optional) filters spikes by index (e.g. one unit only).
 */
export function denseCounts(s: SparseSpikes, rows: number, bins: number, keep?: (i: number) => boolean): Uint16Array {
  const out = new Uint16Array(rows * bins)
  const n = Math.min(s.row.length, s.bin.length)
  for (let i = 0; i < n; i++) {
    if (keep && !keep(i)) continue
    const r = s.row[i] as number
    const b = s.bin[i] as number
    if (r < 0 || r >= rows || b < 0 || b >= bins) continue
    const k = r * bins + b
    out[k] = Math.min(65535, (out[k] as number) + 1)
  }
  return out
}

/**
 * Population rate per row (Hz), smoothed by a centred box of `smoothBins` bins: counts / (nUnits · dt).
 * Used for single-trial activity traces of recorded trials.
 */
export function rowRates(
  counts: ArrayLike<number>,
  rows: number,
  bins: number,
  nUnits: number,
  dtS: number,
  smoothBins = 1
): Float32Array {
  const out = new Float32Array(rows * bins)
  const half = Math.floor(Math.max(1, smoothBins) / 2)
  const scale = 1 / (Math.max(1, nUnits) * dtS)
  for (let r = 0; r < rows; r++) {
    for (let b = 0; b < bins; b++) {
      let s = 0
      let n = 0
      for (let j = b - half; j <= b + half; j++) {
        if (j < 0 || j >= bins) continue
        s += counts[r * bins + j] as number
        n++
      }
      out[r * bins + b] = (s / n) * scale
    }
  }
  return out
}
