// In-silico optogenetics (spec §2.1 light_neuron, §5.5): the model's light-sensitive order of its neurons, and a
// perturbation compiled to per-step currents on neuron lists that the forward adds to the synaptic current.
import { AppError } from '@shared/contract/errors'
import type { LightPopulation, Perturbation } from '@shared/domain/perturbation'
import type { Rng } from '../rng'

/**
 * A random rank of every neuron inside its (area, E/I) population, fixed by the model's seed: the light-sensitive
 * subset at fraction f is the neurons of rank < round(f · population size), so subsets are nested in f and the
 * reference's 51 % of the inhibitory neurons is rank < round(0.51 · nI).
 */
export function lightRanks(neuronArea: Int32Array, neuronInhibitory: Uint8Array, rng: Rng): Int32Array {
  const groups = new Map<number, number[]>()
  for (let i = 0; i < neuronArea.length; i++) {
    const key = 2 * neuronArea[i] + neuronInhibitory[i]
    const g = groups.get(key) ?? []
    g.push(i)
    groups.set(key, g)
  }
  const rank = new Int32Array(neuronArea.length)
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const g = groups.get(key)!
    // Fisher–Yates on the group's neurons; position = rank.
    for (let j = g.length - 1; j > 0; j--) {
      const r = Math.floor(rng.uniform() * (j + 1))
      const x = g[j]
      g[j] = g[r]
      g[r] = x
    }
    g.forEach((i, pos) => (rank[i] = pos))
  }
  return rank
}

/** What a perturbation needs to know of the model: its areas, E/I and light order per neuron. */
export interface LightModel {
  areas: string[]
  neuronArea: Int32Array
  neuronInhibitory: Uint8Array
  lightRank: Int32Array
}

/** Trial time axis: bin t starts at (t − stimBin) · dt s relative to the alignment event. */
export interface LightTime {
  nBins: number
  dtS: number
  stimBin: number
}

/** Neurons driven by one light source, and its current per recorded bin (0 = off). */
export interface LightGroup {
  neurons: Int32Array
  current: Float32Array
}

/** Compiled perturbations of one batch; no groups = control (the forward is then untouched). */
export interface LightPlan {
  groups: LightGroup[]
}

/** The light-sensitive neurons of `areas` at `fraction` of the chosen population. */
export function lightNeurons(
  m: LightModel,
  areas: number[],
  population: LightPopulation,
  fraction: number
): Int32Array {
  const size = new Map<number, number>()
  for (let i = 0; i < m.neuronArea.length; i++) {
    const key = 2 * m.neuronArea[i] + m.neuronInhibitory[i]
    size.set(key, (size.get(key) ?? 0) + 1)
  }
  const want = new Set(areas)
  const out: number[] = []
  for (let i = 0; i < m.neuronArea.length; i++) {
    if (!want.has(m.neuronArea[i])) continue
    const inh = m.neuronInhibitory[i] === 1
    if ((population === 'inh' && !inh) || (population === 'exc' && inh)) continue
    const key = 2 * m.neuronArea[i] + m.neuronInhibitory[i]
    if (m.lightRank[i] < Math.round(fraction * size.get(key)!)) out.push(i)
  }
  return Int32Array.from(out)
}

/** Light envelope × waveform at time τ (s) of a bin start, in units of the peak; 0 outside [t0, t1). */
export function lightShape(p: Perturbation, tau: number, dtS: number): number {
  const [t0, t1] = p.window
  if (!(tau >= t0 && tau < t1)) return 0
  let env = 1
  if (p.rampS > 0) env = Math.max(0, Math.min(1, (tau - t0 + dtS) / p.rampS, (t1 - tau) / p.rampS))
  const wave = p.waveform === 'sine' ? 0.5 * (1 - Math.cos(2 * Math.PI * p.frequencyHz * (tau - t0))) : 1
  return env * wave
}

/**
 * Compiles perturbations (each on its own areas and window; several add up) to a LightPlan. The current's unit
 * is the model's rest-to-threshold distance `unit` (thr − v_rest0), so strength 20 is the reference's 20·thr.
 * Sources that drive no neuron or are zero at every bin are dropped: a zero-strength perturbation, or one whose
 * window lies outside the trial, gives the empty plan, i.e. the control simulation bit for bit.
 * @throws AppError BAD_VALUE naming `areas` when an area is not one of the model's
 */
export function compileLight(perturbations: Perturbation[], m: LightModel, time: LightTime, unit: number): LightPlan {
  const groups: LightGroup[] = []
  for (const p of perturbations) {
    const idx = p.areas.map((name) => {
      const a = m.areas.indexOf(name)
      if (a < 0)
        throw new AppError('BAD_VALUE', `area "${name}" is not one of the model's areas (${m.areas.join(', ')})`, {
          field: 'areas'
        })
      return a
    })
    const neurons = lightNeurons(m, idx, p.population, p.fraction)
    const current = new Float32Array(time.nBins)
    let any = false
    for (let t = 0; t < time.nBins; t++) {
      const c = p.strength * unit * lightShape(p, (t - time.stimBin) * time.dtS, time.dtS)
      current[t] = c
      if (c !== 0) any = true
    }
    if (any && neurons.length > 0) groups.push({ neurons, current })
  }
  return { groups }
}

/** cur[i] += light current of bin t for every driven neuron (bins where a source is off are skipped). */
export function addLight(cur: Float32Array | Float64Array, plan: LightPlan, t: number): void {
  for (const g of plan.groups) {
    const c = g.current[t]
    if (c === 0) continue
    const nn = g.neurons
    for (let q = 0; q < nn.length; q++) cur[nn[q]] += c
  }
}
