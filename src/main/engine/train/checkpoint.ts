// Versioned binary checkpoint of a fit: step, learning rate, rollback counter, parameters, AdamW state and the
// last-good parameters used for rollback, and (v2) the model's light-sensitive order. No file I/O: bytes in, bytes out.
import { AppError } from '@shared/contract/errors'
import type { AdamState } from '../optim/adam'
import { PARAM_NAMES, type ParamName, type ParamSet } from '../model/params'

const MAGIC = 'RSNNCKPT'
export const CHECKPOINT_VERSION = 2
/** Versions decoded: v1 has no light order (the one derived from the seed at set-up is kept). */
const READABLE_VERSIONS = [1, 2]

export interface TrainerState {
  step: number
  lr: number
  /** Rollbacks in a row (reset by a healthy step). */
  rollbacks: number
  /** Steps taken since the last rollback: the halved learning rate recovers with them (loop.ts). */
  healthySteps: number
  params: ParamSet
  adam: AdamState
  lastGood: ParamSet
  /** Light-sensitive rank of each neuron in its (area, E/I) population (perturb/light.ts), length N. */
  lightRank: Int32Array
}

interface Header {
  version: number
  step: number
  lr: number
  rollbacks: number
  /** Absent in checkpoints written before the rate recovered after a rollback: counted from 0 on resume. */
  healthySteps?: number
  adamT: number
  sizes: Record<string, number>
  /** v2: number of light ranks stored after the float groups (as exact float32 integers). */
  lightRank?: number
}

/** Encodes the state (float32 arrays, little-endian). */
export function encodeState(s: TrainerState): Uint8Array {
  const sizes: Record<string, number> = {}
  for (const k of PARAM_NAMES) sizes[k] = s.params[k].length
  const nLight = s.lightRank.length
  const header: Header = {
    version: CHECKPOINT_VERSION,
    step: s.step,
    lr: s.lr,
    rollbacks: s.rollbacks,
    healthySteps: s.healthySteps,
    adamT: s.adam.t,
    sizes,
    lightRank: nLight
  }
  const json = new TextEncoder().encode(JSON.stringify(header))
  const floats = 4 * PARAM_NAMES.reduce((a, k) => a + sizes[k], 0) + nLight
  const headLen = 8 + 4 + json.length
  const pad = (4 - (headLen % 4)) % 4
  const out = new Uint8Array(headLen + pad + floats * 4)
  out.set(new TextEncoder().encode(MAGIC), 0)
  new DataView(out.buffer).setUint32(8, json.length, true)
  out.set(json, 12)
  const body = new Float32Array(out.buffer, headLen + pad)
  let o = 0
  for (const group of [s.params, s.adam.m, s.adam.v, s.lastGood]) {
    for (const k of PARAM_NAMES) {
      body.set(group[k], o)
      o += sizes[k]
    }
  }
  for (let i = 0; i < nLight; i++) body[o + i] = s.lightRank[i]
  return out
}

/**
 * Decodes a checkpoint into `into` (whose arrays give the expected sizes).
 * @throws AppError BAD_VALUE when the bytes are not a checkpoint of this version or of this model's shape
 */
export function decodeState(bytes: Uint8Array, into: TrainerState): void {
  const bad = (msg: string): AppError => new AppError('BAD_VALUE', msg, { field: 'checkpoint' })
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    throw bad('not an RSNN Studio checkpoint')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const jl = view.getUint32(8, true)
  let header: Header
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jl))) as Header
  } catch {
    throw bad('unreadable checkpoint header')
  }
  if (!READABLE_VERSIONS.includes(header.version))
    throw bad(`checkpoint version ${header.version} is not supported (expected ${CHECKPOINT_VERSION})`)
  const nLight = header.version >= 2 ? (header.lightRank ?? -1) : 0
  if (header.version >= 2 && nLight !== into.lightRank.length) {
    throw bad(`the checkpoint has ${nLight} light ranks but the model has ${into.lightRank.length} neurons`)
  }
  for (const k of PARAM_NAMES) {
    if (header.sizes[k] !== into.params[k].length) {
      throw bad(
        `parameter ${k} has ${header.sizes[k]} values in the checkpoint but the model needs ${into.params[k].length}`
      )
    }
  }
  const headLen = 12 + jl
  const start = headLen + ((4 - (headLen % 4)) % 4)
  const total = PARAM_NAMES.reduce((a, k) => a + header.sizes[k], 0) * 4 + nLight
  if (bytes.length !== start + total * 4) throw bad('checkpoint is truncated')
  // Copy to an aligned buffer (the input may sit at any offset).
  const body = new Float32Array(bytes.slice(start).buffer)
  let o = 0
  const groups: Array<Record<ParamName, ArrayLike<number> & { set(a: ArrayLike<number>): void }>> = [
    into.params,
    into.adam.m,
    into.adam.v,
    into.lastGood
  ]
  for (const group of groups) {
    for (const k of PARAM_NAMES) {
      group[k].set(body.subarray(o, o + header.sizes[k]))
      o += header.sizes[k]
    }
  }
  for (let i = 0; i < nLight; i++) into.lightRank[i] = body[o + i]
  into.step = header.step
  into.lr = header.lr
  into.rollbacks = header.rollbacks
  into.healthySteps = header.healthySteps ?? 0
  into.adam.t = header.adamT
}
