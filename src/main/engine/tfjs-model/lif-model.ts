// The LIF network of spec §2.2–§2.7 written as a TensorFlow.js graph (path A of notes/engine-probe.md):
// gradients by autodiff, the Bernoulli spike's straight-through surrogate as tf.customGrad, recurrent and
// input weight gradients by the "side" matmul. It replays a frozen trace of the hand-written engine
// (model/lif-forward.ts), so its gradients check the hand-written BPTT (model/lif-backward.ts) independently.
import type * as TF from '@tensorflow/tfjs'
import type { Dims, Dynamics, ParamName, ParamSet } from '../model/params'
import type { FrozenTrace } from './frozen-trace'
import { sideMatmul } from './side-matmul'

type Tf = typeof TF

export interface TfjsProblem {
  dims: Dims
  dyn: Dynamics
  /** Stored (non-negative) parameters. */
  params: ParamSet
  /** Allowed recurrent synapses [pre, post] (layout.recMask); the weight gradient is 0 elsewhere. */
  recMask: Uint8Array
  /** Motor-area excitatory neurons (w_jaw's gradient is 0 elsewhere). */
  motor: Int32Array
  trace: FrozenTrace
  /** The loss is L = Σ gradSpikes ⊙ z + Σ gradJaw ⊙ jaw_out (any loss's local linearisation). B × T × N, B × T. */
  gradSpikes: Float32Array
  gradJaw: Float32Array | null
}

export interface TfjsResult {
  loss: number
  /** dL/d(stored parameter), same shapes as the parameters. */
  grads: Record<ParamName, Float32Array>
  /** Replayed jaw output, B × T (checks the replay against the engine's forward). */
  jaw: Float32Array
}

/** Dale sign × ½ per presynaptic row: the effective weight is W_eff[j,i] = ±½·W[j,i] (spec §2.2 step 2). */
function rowSigns(rows: number, nPositive: number): Float32Array {
  return Float32Array.from({ length: rows }, (_, j) => (j < nPositive ? 0.5 : -0.5))
}

/** Loss and parameter gradients of the replayed batch (float32, whatever tfjs backend is active). */
export function tfjsGradients(tf: Tf, pr: TfjsProblem): TfjsResult {
  const { dims: d, dyn, trace: tr, params: p } = pr
  const { n, nIn, nBins: T, latentDim: L } = d
  const B = tr.nTrials
  const uScale = dyn.temperature / (dyn.thr - dyn.vr0)
  const spScale = dyn.gamma * dyn.probScale * uScale
  const recSign = tf.tensor2d(rowSigns(n, d.nE), [n, 1])
  const inSign = tf.tensor2d(rowSigns(nIn, d.nInE), [nIn, 1])
  const wEff = [p.w_rec_d0, p.w_rec_d1].map(
    (w) => tf.mul(tf.tensor2d(Float32Array.from(w), [n, n]), recSign) as TF.Tensor2D
  )
  const rec = wEff.map((w) => sideMatmul(tf, w))
  const input = sideMatmul(tf, tf.mul(tf.tensor2d(Float32Array.from(p.w_in), [nIn, n]), inSign) as TF.Tensor2D)
  const alpha = tf.tensor1d(Float32Array.from(dyn.alpha))
  const oneMinusA = tf.sub(1, alpha)
  const step = (a: Float32Array, t: number, width: number): TF.Tensor2D => {
    const out = new Float32Array(B * width)
    for (let b = 0; b < B; b++) out.set(a.subarray((b * T + t) * width, (b * T + t + 1) * width), b * width)
    return tf.tensor2d(out, [B, width])
  }

  // Straight-through Bernoulli (spec §2.2 step 4): the value is the frozen draw, dz/dV is the surrogate
  // γ·c·T′·σ(1−σ) outside refractory steps.
  const frozen: TF.Tensor[] = []
  const spikeAt = (t: number): ((V: TF.Tensor) => TF.Tensor) => {
    const z = step(tr.spikes, t, n)
    const open = tf.sub(1, step(tr.refractory, t, n))
    frozen.push(z, open)
    return tf.customGrad((...args: Array<TF.Tensor | TF.GradSaveFunc>) => {
      const [V, save] = args as [TF.Tensor, TF.GradSaveFunc]
      save([V])
      return {
        value: tf.clone(z) as TF.Tensor,
        gradFunc: (dy: TF.Tensor, saved: TF.Tensor[]) => {
          const sg = tf.sigmoid(tf.mul(uScale, tf.sub(saved[0], dyn.thr)))
          return [tf.mul(dy, tf.mul(open, tf.mul(spScale, tf.mul(sg, tf.sub(1, sg)))))]
        }
      }
    }) as (V: TF.Tensor) => TF.Tensor
  }
  const spikeFns = Array.from({ length: T }, (_, t) => spikeAt(t))

  const lossOf = (
    vRest: TF.Tensor,
    noiseScale: TF.Tensor,
    latent: TF.Tensor,
    wJaw: TF.Tensor,
    jawAffine: TF.Tensor
  ): TF.Scalar => {
    const u = tf.tensor2d(tr.latentU, [B, L])
    const offset = L > 0 ? tf.matMul(u, latent.reshape([L, n])) : tf.zeros([B, n])
    const gain = jawAffine.slice([0], [1])
    const bias = jawAffine.slice([1], [1])
    let v: TF.Tensor = tf.mul(tf.ones([B, n]), vRest) // warmup = 0: the state starts at v_rest
    let jaw: TF.Tensor = tf.zeros([B])
    let loss: TF.Tensor = tf.scalar(0)
    const zs: TF.Tensor2D[] = []
    const jawOut: TF.Tensor[] = []
    for (let t = 0; t < T; t++) {
      let cur: TF.Tensor = input.apply(step(tr.inputs, t, nIn), vRest)
      for (let g = 0; g < 2; g++) {
        const td = t - d.delays[g]
        if (td >= 0) cur = tf.add(cur, rec[g].apply(zs[td]))
      }
      const noise = tf.mul(step(tr.eta, t, n), tf.mul(noiseScale, tf.sub(dyn.thr, vRest)))
      const V = tf.add(tf.add(tf.mul(alpha, v), tf.mul(oneMinusA, tf.add(tf.add(cur, offset), vRest))), noise)
      const z = spikeFns[t](V) as TF.Tensor2D
      zs.push(z)
      v = tf.sub(V, tf.mul(tf.sub(dyn.thr, vRest), z)) // reset by subtraction; the gradient flows through z
      const drive = tf.mul(0.5, tf.sum(tf.mul(z, wJaw), 1))
      jaw = tf.add(tf.mul(dyn.alphaJaw, jaw), tf.mul(1 - dyn.alphaJaw, drive))
      const out = tf.add(tf.mul(gain, jaw), bias)
      jawOut.push(out)
      loss = tf.add(loss, tf.sum(tf.mul(step(pr.gradSpikes, t, n), z)))
      if (pr.gradJaw) loss = tf.add(loss, tf.sum(tf.mul(step(pr.gradJaw, t, 1).reshape([B]), out)))
    }
    replayedJaw = tf.keep(tf.stack(jawOut, 1))
    return loss as TF.Scalar
  }

  let replayedJaw: TF.Tensor | null = null
  const vars = [p.v_rest, p.noise_scale, p.latent, p.w_jaw, p.jaw_affine].map((a) => tf.tensor1d(Float32Array.from(a)))
  const { value, grads } = tf.tidy(() => {
    const r = tf.valueAndGrads((...xs: TF.Tensor[]) => lossOf(xs[0], xs[1], xs[2], xs[3], xs[4]))(vars)
    return { value: tf.keep(r.value), grads: r.grads.map((g) => tf.keep(g)) }
  })
  const dRec = rec.map((r) => r.weightGrad())
  const dIn = input.weightGrad()
  const read = (t: TF.Tensor): Float32Array => Float32Array.from(t.dataSync())
  const recMaskF = Float32Array.from(pr.recMask)
  const finalRec = dRec.map((g) => read(tf.tidy(() => tf.mul(tf.mul(g, recSign), tf.tensor2d(recMaskF, [n, n])))))
  const wJawGrad = new Float32Array(n)
  const gJaw = read(grads[3])
  for (const i of pr.motor) wJawGrad[i] = gJaw[i]
  const result: TfjsResult = {
    loss: value.dataSync()[0],
    grads: {
      w_rec_d0: finalRec[0],
      w_rec_d1: finalRec[1],
      w_in: read(tf.tidy(() => tf.mul(dIn, inSign))),
      v_rest: read(grads[0]),
      noise_scale: read(grads[1]),
      latent: read(grads[2]),
      w_jaw: wJawGrad,
      jaw_affine: read(grads[4])
    },
    jaw: replayedJaw ? read(replayedJaw) : new Float32Array(B * T)
  }
  tf.dispose([...frozen, value, ...grads, ...dRec, dIn, ...vars, recSign, inSign, alpha, oneMinusA, ...wEff])
  if (replayedJaw) tf.dispose(replayedJaw)
  for (const r of [...rec, input]) r.dispose()
  return result
}
