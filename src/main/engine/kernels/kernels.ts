// The Kernels contract: the hot loops of the LIF forward and BPTT, shared by every backend (js.ts, wasm.ts, …).
//
// Layout conventions used by the model code (so a backend can rely on them):
// - Weight matrices are PRESYNAPTIC-MAJOR: W[j·len + i] is the weight from presynaptic j to postsynaptic i
//   (len = number of postsynaptic neurons). A spike of j therefore adds the contiguous row j of W.
// - Every array handed to a kernel was allocated by the SAME Kernels object (allocFloat / allocInt): a wasm
//   backend returns views into its own linear memory. The js backend accepts any typed array.
// - Allocation happens at set-up (params, per-shard workspaces), never inside the time loop.
// - Kernels are synchronous, keep no state between calls, and must give results that depend only on their
//   inputs (same inputs, same bits) so that sharded training is deterministic.
// - Offsets and counts are element indices (not bytes). Kernels do no bounds checking beyond the platform's.
import type { adjointRow } from './adjoint-row'
import type { buildLists } from './build-lists'
import type { spikeStep } from './spike-step'
import type { FloatArray } from '../arrays'

/** Float storage of a backend (defined in arrays.ts, which the kernel helpers import without a circle). */
export type { FloatArray }

export interface Kernels {
  /** Backend name reported to the user, e.g. 'js', 'js-f64', 'wasm-simd'. */
  readonly name: string
  /** Element type of allocFloat arrays. */
  readonly precision: 'f32' | 'f64'

  /** A zero-filled float array of n elements usable by every kernel of this backend. */
  allocFloat(n: number): FloatArray
  /** A zero-filled int32 array of n elements usable by every kernel of this backend. */
  allocInt(n: number): Int32Array
  /** Gives an array back to the backend (a no-op where memory is garbage-collected). */
  free(a: FloatArray | Int32Array | Uint8Array): void

  /** OPTIONAL. A zero-filled byte array usable by spikeStep (the trace's flags). Absent: a plain Uint8Array. */
  allocBytes?(n: number): Uint8Array

  /**
   * Event-driven input current: dst[dstOff + i] += Σ_k src[rows[rowsOff + k]·len + i] for i < len, k < count.
   * Used by the forward pass (each presynaptic spike adds its row of W). Sum in increasing k.
   */
  addRows(
    dst: FloatArray,
    dstOff: number,
    src: FloatArray,
    rows: Int32Array,
    rowsOff: number,
    count: number,
    len: number
  ): void

  /**
   * Sparse outer-product accumulation: dst[rows[rowsOff + k]·len + i] += src[srcOff + i] for i < len, k < count.
   * Used by the backward pass for weight gradients (one row per presynaptic spike, src = postsynaptic δ).
   */
  addToRows(
    dst: FloatArray,
    rows: Int32Array,
    rowsOff: number,
    count: number,
    len: number,
    src: FloatArray,
    srcOff: number
  ): void

  /**
   * Adjoint dot products (Wᵀδ restricted to selected presynaptic rows):
   * out[outOff + r] += Σ_{i<len} mat[matOff + r·stride + i] · vec[vecOff + i], with r = rows[rowsOff + k], k < count
   * (matOff 0 and stride len by default; a column block of a wider matrix otherwise).
   * Used by the backward pass; rows are the presynaptic neurons whose surrogate derivative is not negligible.
   * The order of summation over i is the backend's choice but must be fixed (deterministic).
   */
  dotRows(
    out: FloatArray,
    outOff: number,
    mat: FloatArray,
    rows: Int32Array,
    rowsOff: number,
    count: number,
    len: number,
    vec: FloatArray,
    vecOff: number,
    matOff?: number,
    stride?: number
  ): void

  /** dst[dstOff + i] += a · src[srcOff + i] for i < n. */
  axpy(dst: FloatArray, dstOff: number, a: number, src: FloatArray, srcOff: number, n: number): void

  /**
   * OPTIONAL. A zero-filled Float64Array of n elements usable by membraneRow (a wasm backend returns a view of
   * its memory). Absent: the model allocates plain Float64Arrays and uses the js membraneRow.
   */
  allocDouble?(n: number): Float64Array

  /**
   * OPTIONAL fused membrane row of the LIF forward (model/lif-forward.ts, pass 1 of a recorded step), in float64:
   *   V_i = α_i·v_i + (1 − α_i)·cur_i + drive_i + noise_i·gain_i,   vOut_i = V_i,
   *   sgOut_i = 1 / (1 + exp(−uScale·(V_i − thr))),   for i < n (offsets are 0; cur may be float32).
   * exp must be fast-exp.ts' (64-entry 2^(j/64) table, degree-5 polynomial, same operation order, Math.exp
   * outside [−708, 709]) so that every backend gives the same bits as the js reference (kernels/js.ts).
   * Every Float64Array comes from allocDouble. Absent: the js reference runs.
   */
  membraneRow?(
    n: number,
    alpha: Float64Array,
    v: Float64Array,
    cur: FloatArray,
    drive: Float64Array,
    noise: Float64Array,
    gain: Float64Array,
    uScale: number,
    thr: number,
    vOut: Float64Array,
    sgOut: Float64Array
  ): void

  /**
   * OPTIONAL 4-lane ziggurat normals (engine/normal4.ts is the reference): dst[q] = scale · N(0, 1) for q < n,
   * value q from xoshiro128** lane q & 3 of `state` (16 words, word w of lane l at 4·w + l, advanced in place;
   * seeded by seedNormal4), in blocks of NORMAL4_BLOCK values whose rejected draws take their further words
   * after the block's first pass. The reference's wedge and tail tests use Math.exp and Math.log; a backend
   * must reach the same decisions and values (same bits). `state` comes from allocInt, `dst` from allocDouble.
   * Absent: the reference runs.
   */
  fillNormal4?(state: Int32Array, dst: Float64Array, n: number, scale: number): void

  /**
   * OPTIONAL pass 2 of a recorded LIF step (model/lif-forward.ts), after membraneRow: refractoriness, Bernoulli
   * draw, reset and the trace, as the reference kernels/spike-step.ts (its doc has the formulas), same bits.
   * Float64Arrays from allocDouble, ref and list from allocInt, sp and eta from allocFloat, flags from allocBytes.
   */
  spikeStep?: typeof spikeStep

  /**
   * OPTIONAL spike and active lists of one BPTT step, as the reference kernels/build-lists.ts, same lists.
   * flags from allocBytes, sp from allocFloat, the Int32Arrays from allocInt.
   */
  buildLists?: typeof buildLists

  /**
   * OPTIONAL adjoint row of one BPTT step (model/lif-backward.ts), float64 arithmetic, as the reference
   * kernels/adjoint-row.ts (its doc has the formulas), same bits. gz, sp, eta, delta from allocFloat, the
   * Float64Arrays from allocDouble. Absent: the reference runs.
   */
  adjointRow?: typeof adjointRow
}
