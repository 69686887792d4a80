// prepareLossTargets: validates data + neuron map and builds the per-session data-side targets once per fit.
import { AppError } from '@shared/contract/errors'
import type { LossConfig } from '@shared/domain/model-config'
import type { EngineSession, FitData, NeuronMap } from '../types'
import { rawDataFeatures, rawDataFeaturesFromSums, rowStats } from './features'
import { lossFilters, type BandFilter } from './filters'
import type { AreaGroup, LossTargets, PrepareOptions, ReducedSession, SessionTargets } from './types'

/** Reference default (spec §3.3): an area enters the trial features with ≥ 10 neurons of the session. */
export const DEFAULT_MIN_AREA_NEURONS = 10

/** See losses/index.ts. */
export function prepareLossTargets(
  data: FitData,
  map: NeuronMap,
  cfg: LossConfig,
  opts: PrepareOptions = {}
): LossTargets {
  validate(data, map, opts.reduced)
  const { filter1, feature } = lossFilters(data.nBins, data.dt, cfg.filterMs, cfg.resample)
  const notes: string[] = []
  const perSession = data.sessions.map((_, s) => mappedNeurons(map, s))
  let minAreaNeurons = opts.minAreaNeurons ?? DEFAULT_MIN_AREA_NEURONS
  const anyQualifies = (min: number) =>
    perSession.some((m, s) => areaGroups(data.sessions[s], m.neurons, m.units, min).length > 0)
  if (opts.minAreaNeurons === undefined && !anyQualifies(minAreaNeurons) && anyQualifies(1)) {
    notes.push(
      `no session has an area with ≥ ${minAreaNeurons} mapped neurons: trial matching uses areas with ≥ 1 neuron`
    )
    minAreaNeurons = 1
  }
  const sessions = data.sessions.map((sess, s) =>
    sessionTargets(sess, s, perSession[s], minAreaNeurons, feature, data, cfg.matchJaw, notes, opts.reduced?.[s])
  )
  return {
    cfg,
    data,
    map,
    areas: data.areas,
    dt: data.dt,
    nBins: data.nBins,
    stimBin: data.stimBin,
    nNeurons: map.session.length,
    filter1,
    featureFilter: feature,
    minAreaNeurons,
    sessions,
    notes,
    psthCache: new Map()
  }
}

function validate(data: FitData, map: NeuronMap, reduced: PrepareOptions['reduced']): void {
  if (!(data.dt > 0) || !(data.nBins >= 1)) {
    throw new AppError('INVALID_SETTINGS', `bin width ${data.dt} s and ${data.nBins} bins`, { field: 'dt' })
  }
  if (map.unit.length !== map.session.length) {
    throw new AppError('SHAPE_MISMATCH', `${map.unit.length} units for ${map.session.length} neurons`, {
      field: 'neuronMap.unit'
    })
  }
  data.sessions.forEach((s, i) => {
    const K = s.outcome.length
    const U = s.unitArea.length
    const where = (f: string) => ({ file: s.name, field: `sessions[${i}].${f}` })
    const shape = (field: string, what: string) => new AppError('SHAPE_MISMATCH', what, where(field))
    const T = data.nBins
    const r = reduced?.[i]
    if (r && (r.areaSums.length !== K * data.areas.length * T || r.trainCounts.length !== U)) {
      throw shape('reduced', `sums of ${r.areaSums.length} and ${r.trainCounts.length} values for ${K}×${T}×${U}`)
    }
    if (!r && s.spikes.length !== K * T * U) {
      throw shape('spikes', `${s.spikes.length} spike counts, expected K×T×U = ${K}×${T}×${U}`)
    }
    if (s.stimulus.length !== K) throw shape('stimulus', `length ${s.stimulus.length} ≠ ${K} trials`)
    if (s.heldOut.length !== K) throw shape('heldOut', `length ${s.heldOut.length} ≠ ${K} trials`)
    if (s.jaw) {
      if (s.jaw.length !== K * T) {
        throw shape('jaw', `${s.jaw.length} samples, expected K×T = ${K}×${T}`)
      }
      const bad = s.jaw.findIndex((v) => !Number.isFinite(v))
      if (bad >= 0) {
        const what = `non-finite jaw value in trial ${Math.floor(bad / T)}`
        throw new AppError('BAD_VALUE', what, where('jaw'))
      }
    }
    for (let u = 0; u < U; u++) {
      if (s.unitArea[u] < 0 || s.unitArea[u] >= data.areas.length) {
        const what = `unit ${u} has area index ${s.unitArea[u]}`
        throw new AppError('INDEX_OUT_OF_RANGE', what, where('unitArea'))
      }
    }
  })
  for (let n = 0; n < map.session.length; n++) {
    const s = map.session[n]
    if (s < 0) continue
    const sess = data.sessions[s]
    if (!sess || map.unit[n] < 0 || map.unit[n] >= sess.unitArea.length) {
      const what = `model neuron ${n} maps to session ${s}, unit ${map.unit[n]}`
      throw new AppError('INDEX_OUT_OF_RANGE', what, { field: 'neuronMap' })
    }
  }
}

function mappedNeurons(map: NeuronMap, s: number): { neurons: Int32Array; units: Int32Array } {
  const neurons: number[] = []
  for (let n = 0; n < map.session.length; n++) if (map.session[n] === s) neurons.push(n)
  return { neurons: Int32Array.from(neurons), units: Int32Array.from(neurons, (n) => map.unit[n]) }
}

function areaGroups(sess: EngineSession, neurons: Int32Array, units: Int32Array, min: number): AreaGroup[] {
  const byArea = new Map<number, number[]>()
  units.forEach((u, q) => {
    const a = sess.unitArea[u]
    const list = byArea.get(a) ?? []
    list.push(q)
    byArea.set(a, list)
  })
  return [...byArea.entries()]
    .filter(([, qs]) => qs.length >= min)
    .sort(([a], [b]) => a - b)
    .map(([area, qs]) => ({
      area,
      neurons: Int32Array.from(qs, (q) => neurons[q]),
      units: Int32Array.from(qs, (q) => units[q]),
      mean: 0,
      std: 1
    }))
}

function sessionTargets(
  sess: EngineSession,
  index: number,
  mapped: { neurons: Int32Array; units: Int32Array },
  minAreaNeurons: number,
  filter: BandFilter,
  data: FitData,
  matchJaw: boolean,
  notes: string[],
  reduced: ReducedSession | undefined
): SessionTargets {
  const nBins = data.nBins
  const K = sess.outcome.length
  const U = sess.unitArea.length
  const train = Int32Array.from({ length: K }, (_, k) => k).filter((k) => sess.heldOut[k] === 0)
  if (mapped.neurons.length > 0 && train.length === 0) {
    const what = 'every trial is held out: nothing to train on'
    throw new AppError('EMPTY_RESULT', what, { file: sess.name, field: 'heldOut' })
  }
  const groups = areaGroups(sess, mapped.neurons, mapped.units, minAreaNeurons)
  if (mapped.neurons.length > 0 && groups.length === 0) {
    notes.push(`session ${sess.name}: no area with ≥ ${minAreaNeurons} mapped neurons, left out of trial matching`)
  }
  const useJaw = matchJaw && sess.jaw !== null && groups.length > 0
  const L = filter.outLen
  const jaw = useJaw ? sess.jaw : null
  if (reduced) wholeAreas(sess, groups, mapped.units.length)
  const raw = reduced
    ? rawDataFeaturesFromSums(groups, filter, reduced.areaSums, data.areas.length, jaw, K, nBins)
    : rawDataFeatures(groups, filter, sess.spikes, jaw, K, nBins, U)
  const G = groups.length
  const D = L * (G + (useJaw ? 1 : 0))
  const features = new Float64Array(K * D)
  groups.forEach((g, gi) => {
    ;[g.mean, g.std] = rowStats(raw.neural, G * L, train, gi * L, L)
  })
  let jawMean = 0
  let jawStd = 1
  if (raw.jaw) [jawMean, jawStd] = rowStats(raw.jaw, L, train)
  for (let k = 0; k < K; k++) {
    groups.forEach((g, gi) => {
      for (let l = 0; l < L; l++) {
        features[k * D + gi * L + l] = (raw.neural[(k * G + gi) * L + l] - g.mean) / g.std
      }
    })
    if (raw.jaw) {
      for (let l = 0; l < L; l++) features[k * D + G * L + l] = (raw.jaw[k * L + l] - jawMean) / jawStd
    }
  }
  const meanRate = new Float64Array(mapped.neurons.length)
  if (reduced) mapped.units.forEach((u, q) => (meanRate[q] = reduced.trainCounts[u]))
  else
    for (const k of train) {
      for (let t = 0; t < nBins; t++) {
        const row = (k * nBins + t) * U
        mapped.units.forEach((u, q) => (meanRate[q] += sess.spikes[row + u]))
      }
    }
  meanRate.forEach((v, q) => (meanRate[q] = v / Math.max(1, train.length * nBins)))
  return {
    index,
    name: sess.name,
    nTrials: K,
    neurons: mapped.neurons,
    units: mapped.units,
    groups,
    useJaw,
    jawMean,
    jawStd,
    featureDim: D,
    features,
    meanRate
  }
}

/** Reduced counts are per area: each group must hold every unit of its area (every unit mapped). */
function wholeAreas(sess: EngineSession, groups: AreaGroup[], mappedUnits: number): void {
  const whole = groups.every((g) => g.units.length === sess.unitArea.filter((a) => a === g.area).length)
  if (!whole || mappedUnits !== sess.unitArea.length) {
    const what = 'reduced counts need every unit of the session mapped (identityNeuronMap)'
    throw new AppError('INVALID_SETTINGS', what, { file: sess.name, field: 'reduced' })
  }
}
