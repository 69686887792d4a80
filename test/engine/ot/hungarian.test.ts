// Hungarian assignment against brute force (square and rectangular), ties, bad input, and a large-n sanity run.
import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract/errors'
import { hungarian } from '../../../src/main/engine/ot/hungarian'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'

/** Minimum over all injective maps of the smaller side into the larger one. */
function bruteForce(c: Float64Array, n: number, m: number): number {
  const small = Math.min(n, m)
  const large = Math.max(n, m)
  const at = n <= m ? (i: number, j: number) => c[i * m + j] : (i: number, j: number) => c[j * m + i]
  let best = Infinity
  const used = new Uint8Array(large)
  const rec = (i: number, acc: number): void => {
    if (i === small) {
      best = Math.min(best, acc)
      return
    }
    for (let j = 0; j < large; j++) {
      if (used[j]) continue
      used[j] = 1
      rec(i + 1, acc + at(i, j))
      used[j] = 0
    }
  }
  rec(0, 0)
  return best
}

function checkConsistent(a: ReturnType<typeof hungarian>, c: Float64Array, n: number, m: number): void {
  let sum = 0
  let matched = 0
  for (let i = 0; i < n; i++) {
    const j = a.rowToCol[i]
    if (j < 0) continue
    matched++
    expect(a.colToRow[j]).toBe(i)
    sum += c[i * m + j]
  }
  expect(matched).toBe(Math.min(n, m))
  expect(new Set(Array.from(a.rowToCol).filter((j) => j >= 0)).size).toBe(matched)
  expect(a.cost).toBeCloseTo(sum, 10)
}

describe('hungarian', () => {
  it('solves a hand-written 3×3 case', () => {
    // rows → cols 1, 0, 2 costs 1 + 2 + 2 = 5 (other permutations cost ≥ 6)
    const c = Float64Array.from([4, 1, 3, 2, 0, 5, 3, 2, 2])
    const a = hungarian(c, 3, 3)
    expect(Array.from(a.rowToCol)).toEqual([1, 0, 2])
    expect(a.cost).toBe(5)
  })

  it('matches brute force on random square matrices n ≤ 7', () => {
    const rnd = mulberry32(1)
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + (trial % 7)
      const c = Float64Array.from({ length: n * n }, () => rnd() * 10 - 3)
      const a = hungarian(c, n, n)
      checkConsistent(a, c, n, n)
      expect(a.cost).toBeCloseTo(bruteForce(c, n, n), 9)
    }
  })

  it('matches brute force on rectangular matrices (wide and tall)', () => {
    const rnd = mulberry32(2)
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + Math.floor(rnd() * 6)
      const m = 1 + Math.floor(rnd() * 6)
      const c = Float64Array.from({ length: n * m }, () => Math.round(rnd() * 20))
      const a = hungarian(c, n, m)
      checkConsistent(a, c, n, m)
      expect(a.cost).toBeCloseTo(bruteForce(c, n, m), 9)
      if (n > m) expect(Array.from(a.rowToCol).filter((j) => j < 0).length).toBe(n - m)
      if (m > n) expect(Array.from(a.colToRow).filter((i) => i < 0).length).toBe(m - n)
    }
  })

  it('handles degenerate ties (all equal, rank-one, repeated rows)', () => {
    const flat = new Float64Array(25).fill(3)
    const a = hungarian(flat, 5, 5)
    checkConsistent(a, flat, 5, 5)
    expect(a.cost).toBe(15)
    // c_ij = i + j: every permutation costs the same, 2·(0+…+4) = 20
    const rank1 = Float64Array.from({ length: 25 }, (_, k) => Math.floor(k / 5) + (k % 5))
    expect(hungarian(rank1, 5, 5).cost).toBe(20)
    const rows = Float64Array.from([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]) // 4 × 3, identical rows
    const t = hungarian(rows, 4, 3)
    checkConsistent(t, rows, 4, 3)
    expect(t.cost).toBe(6)
  })

  it('handles empty and 1×1 problems', () => {
    expect(hungarian(new Float64Array(0), 0, 4).cost).toBe(0)
    expect(Array.from(hungarian(Float64Array.of(-2), 1, 1).rowToCol)).toEqual([0])
  })

  it('rejects NaN and infinite costs with an AppError', () => {
    expect(() => hungarian(Float64Array.of(1, NaN, 2, 3), 2, 2)).toThrow(AppError)
    expect(() => hungarian(Float64Array.of(1, Infinity), 1, 2)).toThrow(/entry 1 is Infinity/)
  })

  it('finds the planted permutation at n = 300 (speed sanity, no timing assertion)', () => {
    const n = 300
    const rnd = mulberry32(3)
    const perm = Array.from({ length: n }, (_, i) => i).sort(() => rnd() - 0.5)
    const c = Float64Array.from({ length: n * n }, () => 1 + rnd())
    for (let i = 0; i < n; i++) c[i * n + perm[i]] = 0
    const a = hungarian(c, n, n)
    expect(a.cost).toBe(0)
    expect(Array.from(a.rowToCol)).toEqual(perm)
  })
})
