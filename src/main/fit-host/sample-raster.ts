// The small raster of generated trials shown live while a fit runs: which trials, which neurons, sparse spikes.
import type { SampleRaster } from '@shared/domain/fit'
import type { FitData, ModelParams, Simulation } from '../engine'

/**
 * Stimulus conditions of the sample trials: the distinct stimuli of the data, strongest first, repeated to
 * fill `n` trials (so a detection task shows stimulus and catch trials side by side).
 * @returns Float32Array of length n
 */
export function sampleStimuli(data: FitData, n: number): Float32Array {
  const distinct = new Set<number>()
  for (const s of data.sessions) for (const v of s.stimulus) distinct.add(v)
  const values = [...distinct].sort((a, b) => b - a)
  const out = new Float32Array(n)
  for (let i = 0; i < n; i++) out[i] = values.length ? (values[i % values.length] ?? 0) : 0
  return out
}

/**
 * Picks at most `maxNeurons` model neurons, evenly spread over the network ordered by (area, E before I),
 * so every area and both types appear in proportion.
 * @returns model neuron indices in display order
 */
export function pickNeurons(neuronArea: Int32Array, neuronInhibitory: Uint8Array, maxNeurons: number): number[] {
  const all = Array.from(neuronArea, (_, i) => i)
  all.sort(
    (a, b) =>
      (neuronArea[a] ?? 0) - (neuronArea[b] ?? 0) || (neuronInhibitory[a] ?? 0) - (neuronInhibitory[b] ?? 0) || a - b
  )
  if (all.length <= maxNeurons) return all
  const picked: number[] = []
  for (let k = 0; k < maxNeurons; k++) picked.push(all[Math.floor((k * all.length) / maxNeurons)] ?? 0)
  return picked
}

/**
 * Sparse raster of a simulation restricted to the picked neurons.
 * @param sim spikes nTrials × nBins × nNeurons (row-major)
 */
export function buildSampleRaster(
  sim: Simulation,
  params: ModelParams,
  data: FitData,
  step: number,
  maxNeurons: number
): SampleRaster {
  const neurons = pickNeurons(params.neuronArea, params.neuronInhibitory, maxNeurons)
  const trial: number[] = []
  const bin: number[] = []
  const row: number[] = []
  const { nTrials, nBins, nNeurons, spikes } = sim
  for (let k = 0; k < nTrials; k++) {
    for (let t = 0; t < nBins; t++) {
      const base = (k * nBins + t) * nNeurons
      for (let r = 0; r < neurons.length; r++) {
        if ((spikes[base + (neurons[r] ?? 0)] ?? 0) > 0) {
          trial.push(k)
          bin.push(t)
          row.push(r)
        }
      }
    }
  }
  return {
    step,
    nTrials,
    nBins,
    dt: data.dt,
    stimulus: Array.from(sim.stimulus),
    neurons,
    neuronArea: neurons.map((n) => params.neuronArea[n] ?? 0),
    neuronInhibitory: neurons.map((n) => params.neuronInhibitory[n] ?? 0),
    areas: [...params.areas],
    trial,
    bin,
    row
  }
}
