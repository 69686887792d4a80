// Small typed-array helpers shared by the engine: shape checks, finiteness, copies (no tensor framework).
import { AppError } from '@shared/contract/errors'

/** Float storage of a backend: the product runs Float32; the js backend also offers Float64 for gradient checks. */
export type FloatArray = Float32Array | Float64Array

/** Throws SHAPE_MISMATCH naming `field` unless a.length === expected. */
export function checkLength(a: ArrayLike<number>, expected: number, field: string): void {
  if (a.length !== expected) {
    throw new AppError('SHAPE_MISMATCH', `expected ${expected} values, got ${a.length}`, { field })
  }
}

/** Index of the first NaN/±Inf entry, or −1. */
export function firstNonFinite(a: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]
    if (x - x !== 0) return i
  }
  return -1
}

/** True when every entry is finite. */
export function allFinite(a: ArrayLike<number>): boolean {
  return firstNonFinite(a) < 0
}

/** A new float array of the same precision. */
export function newLike(a: FloatArray, n = a.length): FloatArray {
  return a instanceof Float64Array ? new Float64Array(n) : new Float32Array(n)
}

/** A float array of the given precision. */
export function newFloat(precision: 'f32' | 'f64', n: number): FloatArray {
  return precision === 'f64' ? new Float64Array(n) : new Float32Array(n)
}

/** Σ a[i] in float64. */
export function sum(a: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i]
  return s
}
