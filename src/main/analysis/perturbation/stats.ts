// Intervals of the perturbation results: Wilson's score interval of a proportion, and the normal interval of a
// paired mean difference (control and perturbed trials share their random draws, so differences are paired).

const Z95 = 1.959963984540054

/** Wilson 95 % interval of k successes in n trials ([0, 1] when n = 0). */
export function wilson(k: number, n: number): [number, number] {
  if (n <= 0) return [0, 1]
  const p = k / n
  const z2 = Z95 * Z95
  const den = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / den
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / den
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

/** Mean of paired differences d and its 95 % interval mean ± z·sd/√n (a point interval when n < 2). */
export function pairedMean(sum: number, sumSq: number, n: number): { mean: number; ci95: [number, number] } {
  if (n <= 0) return { mean: 0, ci95: [0, 0] }
  const mean = sum / n
  if (n < 2) return { mean, ci95: [mean, mean] }
  const v = Math.max(0, (sumSq - n * mean * mean) / (n - 1))
  const half = Z95 * Math.sqrt(v / n)
  return { mean, ci95: [mean - half, mean + half] }
}
