// x·W as a tf.customGrad op whose weight gradient is kept off the autodiff tape ("side" pattern of
// notes/engine-probe.md): W is closed over, the backward returns only dx = dy·Wᵀ (Wᵀ transposed once) and
// stashes (x, dy); dW = concat(x)ᵀ·concat(dy) is one matmul after the backward pass. Memory is O(T·B·N),
// not O(T·N²) as when autodiff keeps a weight gradient per time step.
import type * as TF from '@tensorflow/tfjs'

type Tf = typeof TF

export interface SideMatmul {
  /**
   * y = x·W for x [B, K] (W is [K, M]). When x is a constant (input spikes), pass an `anchor` tensor that
   * depends on the differentiated variables: autodiff only visits ops on a path from them, and dW needs
   * this op's dy. The anchor gets a zero gradient.
   */
  apply(x: TF.Tensor2D, anchor?: TF.Tensor): TF.Tensor2D
  /** dL/dW [K, M] from the stashed pairs of the last backward pass; disposes the stash. */
  weightGrad(): TF.Tensor2D
  dispose(): void
}

export function sideMatmul(tf: Tf, w: TF.Tensor2D): SideMatmul {
  const wT = tf.keep(tf.transpose(w))
  let xs: TF.Tensor2D[] = []
  let dys: TF.Tensor2D[] = []
  const gradFunc = (dy: TF.Tensor, saved: TF.Tensor[]): TF.Tensor[] => {
    // tfjs disposes saved tensors after the backward: clone and keep what dW needs.
    xs.push(tf.keep(tf.clone(saved[0] as TF.Tensor2D)))
    dys.push(tf.keep(tf.clone(dy as TF.Tensor2D)))
    const dx = tf.matMul(dy as TF.Tensor2D, wT)
    return saved.length > 1 ? [dx, tf.zerosLike(saved[1])] : [dx]
  }
  // customGrad passes the inputs then the save function, typed as one rest array.
  const op = tf.customGrad((...args: Array<TF.Tensor | TF.GradSaveFunc>) => {
    const [x, save] = args as [TF.Tensor2D, TF.GradSaveFunc]
    save([x])
    return { value: tf.matMul(x, w) as TF.Tensor, gradFunc }
  })
  const anchored = tf.customGrad((...args: Array<TF.Tensor | TF.GradSaveFunc>) => {
    const [x, anchor, save] = args as [TF.Tensor2D, TF.Tensor, TF.GradSaveFunc]
    save([x, anchor])
    return { value: tf.matMul(x, w) as TF.Tensor, gradFunc }
  })
  const clear = (): void => {
    for (const t of [...xs, ...dys]) t.dispose()
    xs = []
    dys = []
  }
  return {
    apply: (x, anchor) => (anchor ? anchored(x, anchor) : op(x)) as TF.Tensor2D,
    weightGrad() {
      const [k, m] = w.shape
      const g: TF.Tensor2D =
        xs.length === 0
          ? tf.zeros<TF.Rank.R2>([k, m])
          : tf.tidy(() => tf.matMul(tf.concat(xs, 0), tf.concat(dys, 0), true, false) as TF.Tensor2D)
      clear()
      return g
    },
    dispose() {
      clear()
      wT.dispose()
    }
  }
}
