// Fixed structure of a model that the trainable arrays do not carry (time constants, thresholds, allowed-synapse
// masks, noise level), derived from the configuration and neuron maps so an exported file is self-contained.
import type { FitConfig } from '@shared/domain/model-config'
import type { ModelParams, NamedArray } from '../engine'

/**
 * Returns params with the structural arrays added where the engine did not export them itself:
 * tau_mem [N] ms, threshold [N], refractory_ms [1], noise_sigma [1], and per delay group mask_rec_d0/d1 [pre, post]
 * (1 = synapse allowed: no self-connection; inhibitory presynaptic only within its own area when
 * restrictInterAreaInhibition, spec §2.4). Existing arrays are never replaced.
 */
export function withStructuralArrays(p: ModelParams, config: FitConfig): ModelParams {
  const m = config.model
  const n = p.neuronArea.length
  const add: Record<string, NamedArray> = {
    tau_mem: {
      data: Float32Array.from(p.neuronInhibitory, (i) => (i ? m.tauInhMs : m.tauExcMs)),
      shape: [n],
      unit: 'ms',
      description: 'membrane time constant per neuron (excitatory / inhibitory from the configuration)'
    },
    threshold: {
      data: new Float32Array(n).fill(m.threshold),
      shape: [n],
      unit: 'threshold units',
      description: 'firing threshold per neuron'
    },
    refractory_ms: {
      data: Float32Array.of(m.refractoryMs),
      shape: [1],
      unit: 'ms',
      description: 'refractory period after a spike'
    },
    noise_sigma: {
      data: Float32Array.of(m.noiseLevel),
      shape: [1],
      unit: 'threshold units',
      description: 'membrane noise σ (scaled per neuron by noise_scale)'
    }
  }
  const mask = synapseMask(p, m.restrictInterAreaInhibition)
  m.delaysMs.forEach((d, g) => {
    add[`mask_rec_d${g}`] = {
      data: mask,
      shape: [n, n],
      unit: 'bool',
      description: `allowed synapses of w_rec_d${g} (delay ${d} ms), [pre, post]`
    }
  })
  const arrays = { ...p.arrays }
  for (const [k, v] of Object.entries(add)) if (!(k in arrays)) arrays[k] = v
  return { ...p, arrays }
}

/** [pre, post] presynaptic-major 0/1 mask. */
function synapseMask(p: ModelParams, restrictInh: boolean): Float32Array {
  const n = p.neuronArea.length
  const out = new Float32Array(n * n)
  for (let pre = 0; pre < n; pre++) {
    const inh = p.neuronInhibitory[pre] === 1
    for (let post = 0; post < n; post++) {
      const allowed = pre !== post && !(inh && restrictInh && p.neuronArea[pre] !== p.neuronArea[post])
      out[pre * n + post] = allowed ? 1 : 0
    }
  }
  return out
}
