// Matched recorded/generated trial pairs: per session and stimulus condition, the optimal assignment
// (Hungarian) on the session's trial-matching features (spec §3.3: per-area population averages over that
// session's units and their model neurons, filtered and z-scored with recorded statistics, plus the jaw).
import { applyFilter, type BandFilter } from '../../engine/losses/index'
import { hungarian } from '../../engine/ot/hungarian'
import type { FitData, ModelParams, Simulation } from '../../engine/types'
import { modelAreaNeurons, populationTrace, sessionAreaUnits } from './population'
import type { RecordedRows } from './trial-rows'

/** Features of a set of trials: rows × dim, row-major. */
interface Block {
  rec: Float64Array
  gen: Float64Array
}

/**
 * Trial-matching pairs. Every recorded row is matched to a distinct generated trial of the same stimulus when
 * enough exist (each session is matched on its own, so a generated trial may pair with rows of several sessions).
 * @returns pairs [nPairs × 2] = (recorded row, generated trial), ordered by recorded row
 */
export function matchTrials(data: FitData, rows: RecordedRows, p: Pick<ModelParams, 'neuronArea' | 'neuronMap'>, sim: Simulation, filter: BandFilter): Int32Array {
  const pairs: [number, number][] = []
  data.sessions.forEach((_, s) => {
    const recRows: number[] = []
    rows.session.forEach((rs, r) => rs === s && recRows.push(r))
    if (!recRows.length) return
    const f = sessionFeatures(data, s, recRows, rows, p, sim, filter)
    if (!f) return
    const dim = f.rec.length / recRows.length
    for (const c of new Set(recRows.map((r) => rows.stimulus[r]!))) {
      const ri = recRows.map((r, i) => (rows.stimulus[r] === c ? i : -1)).filter((i) => i >= 0)
      const gi: number[] = []
      sim.stimulus.forEach((gs, b) => gs === c && gi.push(b))
      if (!gi.length) continue
      const cost = new Float64Array(ri.length * gi.length)
      ri.forEach((i, a) => gi.forEach((b, q) => (cost[a * gi.length + q] = msd(f.rec, i * dim, f.gen, b * dim, dim))))
      const { rowToCol } = hungarian(cost, ri.length, gi.length)
      ri.forEach((i, a) => rowToCol[a]! >= 0 && pairs.push([recRows[i]!, gi[rowToCol[a]!]!]))
    }
  })
  pairs.sort((x, y) => x[0] - y[0])
  return Int32Array.from(pairs.flat())
}

function msd(x: Float64Array, xo: number, y: Float64Array, yo: number, d: number): number {
  let s = 0
  for (let i = 0; i < d; i++) s += (x[xo + i]! - y[yo + i]!) ** 2
  return s / d
}

/** Features of the session's recorded rows and of all generated trials; null when the session has no area. */
function sessionFeatures(data: FitData, s: number, recRows: number[], rows: RecordedRows, p: Pick<ModelParams, 'neuronArea' | 'neuronMap'>, sim: Simulation, filter: BandFilter): Block | null {
  const sess = data.sessions[s]!
  const T = data.nBins
  const blocks: Block[] = []
  const raw = new Float64Array(T)
  data.areas.forEach((_, a) => {
    const units = sessionAreaUnits(data, s, a)
    if (!units.length) return
    const neurons = modelAreaNeurons(p, a, s)
    const recTrace = (i: number): Float64Array => {
      populationTrace(sess.spikes, rows.trial[recRows[i]!]!, T, sess.unitArea.length, units, raw)
      return raw
    }
    const genTrace = (b: number): Float64Array => {
      populationTrace(sim.spikes, b, T, sim.nNeurons, neurons, raw)
      return raw
    }
    blocks.push(zBlock(filter, recRows.length, sim.nTrials, recTrace, genTrace))
  })
  if (!blocks.length) return null
  const jaw = sess.jaw
  if (jaw && sim.jaw.length === sim.nTrials * T) {
    const recJaw = (i: number): Float32Array => {
      const k = rows.trial[recRows[i]!]!
      return jaw.subarray(k * T, (k + 1) * T)
    }
    blocks.push(zBlock(filter, recRows.length, sim.nTrials, recJaw, (b) => sim.jaw.subarray(b * T, (b + 1) * T)))
  }
  return { rec: interleave(blocks.map((b) => b.rec), recRows.length), gen: interleave(blocks.map((b) => b.gen), sim.nTrials) }
}

/** Filters every trace and z-scores the block with the recorded rows' mean and std (over trials and bins). */
function zBlock(filter: BandFilter, nRec: number, nGen: number, recTrace: (i: number) => ArrayLike<number>, genTrace: (b: number) => ArrayLike<number>): Block {
  const L = filter.outLen
  const rec = new Float64Array(nRec * L)
  const gen = new Float64Array(nGen * L)
  for (let i = 0; i < nRec; i++) applyFilter(filter, recTrace(i), 0, 1, rec, i * L, 1)
  for (let b = 0; b < nGen; b++) applyFilter(filter, genTrace(b), 0, 1, gen, b * L, 1)
  let m = 0
  for (const v of rec) m += v
  m /= rec.length || 1
  let v2 = 0
  for (const v of rec) v2 += (v - m) ** 2
  const sd = Math.sqrt(v2 / Math.max(1, rec.length - 1)) || 1
  for (let i = 0; i < rec.length; i++) rec[i] = (rec[i]! - m) / sd
  for (let i = 0; i < gen.length; i++) gen[i] = (gen[i]! - m) / sd
  return { rec, gen }
}

/** Concatenates per-block rows: out[r] = [block0[r], block1[r], …]. */
function interleave(blocks: Float64Array[], nRows: number): Float64Array {
  const widths = blocks.map((b) => b.length / Math.max(1, nRows))
  const dim = widths.reduce((a, b) => a + b, 0)
  const out = new Float64Array(nRows * dim)
  for (let r = 0; r < nRows; r++) {
    let o = r * dim
    blocks.forEach((b, k) => {
      out.set(b.subarray(r * widths[k]!, (r + 1) * widths[k]!), o)
      o += widths[k]!
    })
  }
  return out
}
