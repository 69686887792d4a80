// The wasm-SIMD Kernels backend: compiles the committed AssemblyScript kernels once, runs them on typed-array
// views allocated inside a shared KernelMemory, so hot loops pass pointers and never copy. Worker
// threads attach to the same memory (weights and gradient slots are then visible to every thread).
import { fastExpConstants } from '../fast-exp'
import { ZIG_F, ZIG_K, ZIG_R, ZIG_W } from '../ziggurat'
import { adjointRow as adjointRowJs } from './adjoint-row'
import { buildLists as buildListsJs } from './build-lists'
import { membraneRow as membraneRowJs } from './js'
import { spikeStep as spikeStepJs } from './spike-step'
import type { FloatArray, Kernels } from './kernels'
import { kernelsWasmBase64 } from './kernels-wasm-bytes'

const PAGE = 65536
/** Declared maximum of the module's imported memory (wasm32: 4 GiB). */
const MAX_PAGES = 65536
/** The first page holds the allocator header (bump pointer, in 16-byte units, at int32 index 0). */
const HEAP_BASE = PAGE
const ALIGN = 16

/** The shared linear memory of the kernels (a KernelMemory created with shared: true). */
export interface KernelMemory {
  readonly buffer: SharedArrayBuffer
  grow(deltaPages: number): number
}

// The project compiles without the DOM lib, which is where TypeScript declares WebAssembly; this is the
// slice of that API the backend uses.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: object }
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => KernelMemory
  validate(bytes: Uint8Array): boolean
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly

interface KernelExports {
  addRows(dst: number, src: number, rows: number, count: number, len: number): void
  addToRows(dst: number, rows: number, count: number, len: number, src: number): void
  dotRows(out: number, mat: number, rows: number, count: number, len: number, stride: number, vec: number): void
  axpy(dst: number, a: number, src: number, n: number): void
  membraneRow(
    n: number,
    alpha: number,
    v: number,
    cur: number,
    drive: number,
    noise: number,
    gain: number,
    uScale: number,
    thr: number,
    vOut: number,
    sgOut: number,
    constants: number
  ): void
  fillNormal4(state: number, dst: number, n: number, scale: number, tables: number): void
  spikeStep(
    n: number,
    v: number,
    sg: number,
    u: number,
    ref: number,
    reset: number,
    vState: number,
    nRef: number,
    spScale: number,
    probScale: number,
    noise: number,
    sp: number,
    eta: number,
    flags: number,
    list: number
  ): number
  buildLists(n: number, flags: number, sp: number, lo: number, spikes: number, active: number, counts: number): void
  adjointRow(
    n: number,
    gz: number,
    gs: number,
    reset: number,
    alpha: number,
    gVNext: number,
    wJaw: number,
    gr: number,
    sp: number,
    eta: number,
    sumGV: number,
    sumGVEta: number,
    delta: number
  ): void
}

/** Writes fastExp's constants in as/membrane.ts' layout (70 float64 slots) into `dst`. */
function writeExpConstants(dst: Float64Array): void {
  const c = fastExpConstants
  dst.set(c.twoJ, 0)
  dst.set([c.invL, c.lHi, c.lLo, c.p3, c.p4, c.p5], 64)
}

/** Bytes of as/normal.ts' tables block: (W, K²) per layer, F, R, e^(−m/8) for m ≤ 48, 256 bytes of scratch. */
const NORMAL_TABLES_BYTES = 3728

/** Writes ziggurat.ts' tables in as/normal.ts' layout at byte `at` of the kernel memory. */
function writeNormalTables(buffer: SharedArrayBuffer, at: number): void {
  const wk = new Float64Array(buffer, at, 256)
  for (let i = 0; i < 128; i++) {
    wk[2 * i] = ZIG_W[i]
    wk[2 * i + 1] = ZIG_K[i] * ZIG_K[i]
  }
  new Float64Array(buffer, at + 2048, 128).set(ZIG_F)
  new Float64Array(buffer, at + 3072, 1)[0] = ZIG_R
  const exp8 = new Float64Array(buffer, at + 3080, 49)
  for (let m = 0; m <= 48; m++) exp8[m] = Math.exp(-m / 8)
}

/** The wasm backend: the Kernels contract plus what worker threads need to share its memory. */
export interface WasmKernels extends Kernels {
  readonly precision: 'f32'
  /** The shared linear memory every array of this backend lives in. */
  readonly memory: KernelMemory
  /** A Float32Array view of `length` floats at `byteOffset` (an array allocated by any attached instance). */
  viewFloat(byteOffset: number, length: number): Float32Array
  /** An Int32Array view of `length` ints at `byteOffset`. */
  viewInt(byteOffset: number, length: number): Int32Array
  /** Bytes handed out so far by all instances attached to this memory (allocator high-water mark). */
  usedBytes(): number
}

let compiled: object | null = null

function decodeBase64(b64: string): Uint8Array {
  // atob exists in Node ≥ 16 and browsers; the module is ~2 KB, so the char loop costs nothing.
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

function kernelModule(): object {
  if (!wasmApi) throw new Error('wasm kernels: this runtime has no WebAssembly')
  compiled ??= new wasmApi.Module(decodeBase64(kernelsWasmBase64))
  return compiled
}

/** True when this runtime validates the kernels module (WebAssembly SIMD + threads/shared memory). */
export function wasmSimdSupported(): boolean {
  try {
    if (!wasmApi || typeof SharedArrayBuffer !== 'function') return false
    return wasmApi.validate(decodeBase64(kernelsWasmBase64))
  } catch {
    return false
  }
}

/** A fresh shared memory for the kernels (grows on demand up to 4 GiB). */
export function createKernelMemory(initialBytes = 4 * PAGE): KernelMemory {
  const initial = Math.max(2, Math.ceil(initialBytes / PAGE))
  if (!wasmApi) throw new Error('wasm kernels: this runtime has no WebAssembly')
  return new wasmApi.Memory({ initial, maximum: MAX_PAGES, shared: true })
}

/**
 * Instantiates the wasm-SIMD kernels.
 * @param memory an existing kernel memory to attach to (a worker thread receives the main thread's); by
 *   default a new one. Allocation is thread-safe (atomic bump pointer in the memory's header page); free()
 *   recycles blocks of the same size within this instance only.
 */
export function createWasmKernels(memory: KernelMemory = createKernelMemory()): WasmKernels {
  // env.exp: fast-exp.ts defers to Math.exp outside [−708, 709], so the wasm row calls the very same function;
  // env.exp and env.log are also the exp and log of normal4.ts' wedge and tail paths (as/normal.ts).
  const instance = new (wasmApi as WasmApi).Instance(kernelModule(), {
    env: { memory, exp: Math.exp, log: Math.log }
  })
  const k = instance.exports as unknown as KernelExports
  const header = new Int32Array(memory.buffer, 0, 4)
  Atomics.compareExchange(header, 0, 0, HEAP_BASE / ALIGN)
  const freeBlocks = new Map<number, number[]>()

  function allocBytes(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN)
    const recycled = freeBlocks.get(size)?.pop()
    if (recycled !== undefined) {
      new Uint8Array(memory.buffer, recycled, size).fill(0)
      return recycled
    }
    const start = Atomics.add(header, 0, size / ALIGN) * ALIGN
    const end = start + size
    if (end > MAX_PAGES * PAGE) throw new RangeError(`wasm kernels: out of memory (${end} bytes > 4 GiB)`)
    // Fresh pages of a wasm memory are zero; another thread may grow concurrently, so re-check the length.
    while (memory.buffer.byteLength < end) {
      memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE))
    }
    return start
  }

  function release(a: FloatArray | Int32Array | Uint8Array): void {
    const size = Math.max(ALIGN, Math.ceil(a.byteLength / ALIGN) * ALIGN)
    let list = freeBlocks.get(size)
    if (!list) freeBlocks.set(size, (list = []))
    list.push(a.byteOffset)
  }

  const expConstants = new Float64Array(memory.buffer, allocBytes(70 * 8), 70)
  writeExpConstants(expConstants)
  const normalTables = allocBytes(NORMAL_TABLES_BYTES)
  writeNormalTables(memory.buffer, normalTables)

  return {
    name: 'wasm-simd',
    precision: 'f32',
    memory,
    // Allocate before reading memory.buffer: a grow inside allocBytes replaces the buffer object.
    allocFloat(n) {
      const at = allocBytes(n * 4)
      return new Float32Array(memory.buffer, at, n)
    },
    allocInt(n) {
      const at = allocBytes(n * 4)
      return new Int32Array(memory.buffer, at, n)
    },
    free: release,
    viewFloat: (byteOffset, length) => new Float32Array(memory.buffer, byteOffset, length),
    viewInt: (byteOffset, length) => new Int32Array(memory.buffer, byteOffset, length),
    usedBytes: () => Atomics.load(header, 0) * ALIGN - HEAP_BASE,
    // Offsets are elements: the pointer of a[off] is a.byteOffset + 4·off (Float32Array and Int32Array alike).
    addRows(dst, dstOff, src, rows, rowsOff, count, len) {
      k.addRows(dst.byteOffset + 4 * dstOff, src.byteOffset, rows.byteOffset + 4 * rowsOff, count, len)
    },
    addToRows(dst, rows, rowsOff, count, len, src, srcOff) {
      k.addToRows(dst.byteOffset, rows.byteOffset + 4 * rowsOff, count, len, src.byteOffset + 4 * srcOff)
    },
    dotRows(out, outOff, mat, rows, rowsOff, count, len, vec, vecOff, matOff = 0, stride = len) {
      k.dotRows(
        out.byteOffset + 4 * outOff,
        mat.byteOffset + 4 * matOff,
        rows.byteOffset + 4 * rowsOff,
        count,
        len,
        stride,
        vec.byteOffset + 4 * vecOff
      )
    },
    axpy(dst, dstOff, a, src, srcOff, n) {
      k.axpy(dst.byteOffset + 4 * dstOff, a, src.byteOffset + 4 * srcOff, n)
    },
    allocDouble(n) {
      const at = allocBytes(n * 8)
      return new Float64Array(memory.buffer, at, n)
    },
    membraneRow(n, alpha, v, cur, drive, noise, gain, uScale, thr, vOut, sgOut) {
      // The wasm row reads cur as float32 (this backend's precision); a float64 cur takes the js reference.
      if (!(cur instanceof Float32Array)) {
        membraneRowJs(n, alpha, v, cur, drive, noise, gain, uScale, thr, vOut, sgOut)
        return
      }
      k.membraneRow(
        n,
        alpha.byteOffset,
        v.byteOffset,
        cur.byteOffset,
        drive.byteOffset,
        noise.byteOffset,
        gain.byteOffset,
        uScale,
        thr,
        vOut.byteOffset,
        sgOut.byteOffset,
        expConstants.byteOffset
      )
    },
    fillNormal4(state, dst, n, scale) {
      k.fillNormal4(state.byteOffset, dst.byteOffset, n, scale, normalTables)
    },
    allocBytes(n) {
      const at = allocBytes(n)
      return new Uint8Array(memory.buffer, at, n)
    },
    spikeStep(
      n,
      vRow,
      sgRow,
      uniRow,
      ref,
      reset,
      vState,
      nRef,
      spScale,
      probScale,
      noiseRow,
      sp,
      eta,
      flags,
      traceOff,
      list,
      listOff
    ) {
      // The wasm step stores f32 trace values; a float64 trace (js-f64 workspaces) takes the reference.
      if (!(sp instanceof Float32Array && eta instanceof Float32Array)) {
        return spikeStepJs(
          n,
          vRow,
          sgRow,
          uniRow,
          ref,
          reset,
          vState,
          nRef,
          spScale,
          probScale,
          noiseRow,
          sp,
          eta,
          flags,
          traceOff,
          list,
          listOff
        )
      }
      return k.spikeStep(
        n,
        vRow.byteOffset,
        sgRow.byteOffset,
        uniRow.byteOffset,
        ref.byteOffset,
        reset.byteOffset,
        vState.byteOffset,
        nRef,
        spScale,
        probScale,
        noiseRow.byteOffset,
        sp.byteOffset + 4 * traceOff,
        eta.byteOffset + 4 * traceOff,
        flags.byteOffset + traceOff,
        list.byteOffset + 4 * listOff
      )
    },
    buildLists(n, flags, sp, traceOff, lo, spikes, active, listOff, counts) {
      if (!(sp instanceof Float32Array)) {
        buildListsJs(n, flags, sp, traceOff, lo, spikes, active, listOff, counts)
        return
      }
      k.buildLists(
        n,
        flags.byteOffset + traceOff,
        sp.byteOffset + 4 * traceOff,
        lo,
        spikes.byteOffset + 4 * listOff,
        active.byteOffset + 4 * listOff,
        counts.byteOffset
      )
    },
    adjointRow(n, gz, gzOff, gs, reset, alpha, gVNext, wJaw, gr, sp, eta, traceOff, sumGV, sumGVEta, delta) {
      // The wasm row reads f32 trace and adjoint buffers; float64 ones (a js-f64 workspace) take the reference.
      if (!(
        gz instanceof Float32Array &&
        sp instanceof Float32Array &&
        eta instanceof Float32Array &&
        delta instanceof Float32Array
      )) {
        adjointRowJs(n, gz, gzOff, gs, reset, alpha, gVNext, wJaw, gr, sp, eta, traceOff, sumGV, sumGVEta, delta)
        return
      }
      k.adjointRow(
        n,
        gz.byteOffset + 4 * gzOff,
        gs.byteOffset,
        reset.byteOffset,
        alpha.byteOffset,
        gVNext.byteOffset,
        wJaw.byteOffset,
        gr,
        sp.byteOffset + 4 * traceOff,
        eta.byteOffset + 4 * traceOff,
        sumGV.byteOffset,
        sumGVEta.byteOffset,
        delta.byteOffset
      )
    }
  }
}
