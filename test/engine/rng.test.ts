// Batched draws of the PRNG: fillUniform is the same stream as uniform(); fillNormal (ziggurat) is standard
// normal — moments, Kolmogorov–Smirnov distance, fine-binned χ², tail mass beyond the base layer — and keyed,
// reproducible and independent of the row length it is drawn in.
import { describe, expect, it } from 'vitest'
import { Rng } from '../../src/main/engine/rng'
import { ZIG_R } from '../../src/main/engine/ziggurat'

/** Standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2
  const t = 1 / (1 + 0.5 * z)
  const p =
    -z * z - 1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
      t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  const erfc = t * Math.exp(p)
  return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc
}

describe('Rng batched draws', () => {
  it('fillUniform gives exactly the values of successive uniform() calls', () => {
    const a = new Rng(4, 5, 6)
    const b = new Rng(4, 5, 6)
    const row = new Float64Array(1001)
    a.fillUniform(row, 1, 1000)
    expect(row[0]).toBe(0)
    for (let q = 0; q < 1000; q++) expect(row[1 + q]).toBe(b.uniform())
    expect(a.nextU32()).toBe(b.nextU32())
  })

  it('fillNormal is keyed, reproducible, and the same whatever the row lengths', () => {
    const x = new Float64Array(3000)
    const y = new Float64Array(3000)
    new Rng(1, 2).fillNormal(x, 0, 3000, 1)
    const r = new Rng(1, 2)
    r.fillNormal(y, 0, 7, 1)
    r.fillNormal(y, 7, 1993, 1)
    r.fillNormal(y, 2000, 1000, 1)
    expect(Array.from(y)).toEqual(Array.from(x))
    const z = new Float64Array(3000)
    new Rng(1, 3).fillNormal(z, 0, 3000, 1)
    expect(Array.from(z)).not.toEqual(Array.from(x))
    // scale multiplies the same draws
    const s = new Float32Array(10)
    new Rng(1, 2).fillNormal(s, 0, 10, 0.25)
    for (let q = 0; q < 10; q++) expect(s[q]).toBe(Math.fround(0.25 * x[q]))
  })

  it('fillNormal draws a standard normal (moments, KS, χ² on 80 bins, tail beyond the base layer)', () => {
    const n = 400_000
    const x = new Float64Array(n)
    new Rng(77).fillNormal(x, 0, n, 1)
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
    // Tail mass 2·(1 − Φ(R)) ≈ 5.76e-4 (≈ 230 draws): Poisson, 5 standard deviations.
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
      const lo = b === 0 ? -Infinity : -4 + (b - 1) * 0.1
      const hi = b === 81 ? Infinity : -4 + b * 0.1
      const e = n * ((hi === Infinity ? 1 : phi(hi)) - (lo === -Infinity ? 0 : phi(lo)))
      chi2 += (counts[b] - e) ** 2 / e
    }
    expect(chi2).toBeLessThan(130) // 81 degrees of freedom: p ≈ 5e-4
  })
})
