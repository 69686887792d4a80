// Checks that a sample is standard normal: moments, tail mass beyond the ziggurat's base layer, Kolmogorov–Smirnov
// distance and a fine-binned χ². Shared by the tests of Rng.fillNormal and of the 4-lane generator.
import { expect } from 'vitest'
import { ZIG_R } from '../../../src/main/engine/ziggurat'

/** Standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2
  const t = 1 / (1 + 0.5 * z)
  const p =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  const erfc = t * Math.exp(p)
  return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc
}

/** Each statistic within about 5 standard errors (KS and χ² at p ≈ 0.001). */
export function expectStandardNormal(x: Float64Array): void {
  const n = x.length
  let m1 = 0
  let m2 = 0
  let m4 = 0
  let tail = 0
  for (const v of x) {
    m1 += v
    m2 += v * v
    m4 += v ** 4
    if (Math.abs(v) > ZIG_R) tail++
  }
  m1 /= n
  m2 /= n
  m4 /= n
  expect(Math.abs(m1)).toBeLessThan(5 / Math.sqrt(n))
  expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / n))
  expect(Math.abs(m4 - 3)).toBeLessThan(5 * Math.sqrt(96 / n))
  // Tail mass 2·(1 − Φ(R)) ≈ 5.76e-4: Poisson, 5 standard deviations.
  const expTail = 2 * (1 - phi(ZIG_R)) * n
  expect(Math.abs(tail - expTail)).toBeLessThan(5 * Math.sqrt(expTail))
  const sorted = Float64Array.from(x).sort()
  let ks = 0
  for (let q = 0; q < n; q++) {
    const f = phi(sorted[q])
    ks = Math.max(ks, Math.abs(f - q / n), Math.abs(f - (q + 1) / n))
  }
  expect(ks).toBeLessThan(1.95 / Math.sqrt(n)) // p ≈ 0.001
  // 80 bins of width 0.1 over [−4, 4] (layer edges and wedges included) + 2 open tails.
  const counts = new Float64Array(82)
  for (const v of x) counts[v < -4 ? 0 : v >= 4 ? 81 : 1 + Math.floor((v + 4) / 0.1)]++
  let chi2 = 0
  for (let b = 0; b < 82; b++) {
    const lo = b === 0 ? 0 : phi(-4 + (b - 1) * 0.1)
    const hi = b === 81 ? 1 : phi(-4 + b * 0.1)
    const e = n * (hi - lo)
    chi2 += (counts[b] - e) ** 2 / e
  }
  expect(chi2).toBeLessThan(130) // 81 degrees of freedom: p ≈ 5e-4
}
