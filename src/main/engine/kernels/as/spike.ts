// AssemblyScript source of pass 2 of a recorded LIF step (Kernels.spikeStep, kernels/kernels.ts), operation for
// operation as the js reference (kernels/spike-step.ts): same decisions, same bits (dz/dV and η rounded to f32 on
// store, as Float32Arrays round them).

/**
 * For i < n (byte addresses; vRow, sgRow, uniRow, reset, vState, noise f64; ref and list i32; sp, eta f32; flags
 * u8): refractory countdown, or dz/dV = spScale·σ(1 − σ) and a spike when u < probScale·σ (list append, ref = nRef,
 * v = V − reset). @returns the number of spikes
 */
export function spikeStep(
  n: i32, vPtr: usize, sgPtr: usize, uPtr: usize, refPtr: usize, resetPtr: usize, vStatePtr: usize, nRef: i32,
  spScale: f64, probScale: f64, noisePtr: usize, spPtr: usize, etaPtr: usize, flagsPtr: usize, listPtr: usize
): i32 {
  let cnt: i32 = 0
  for (let i: i32 = 0; i < n; i++) {
    const o8 = <usize>i << 3
    const o4 = <usize>i << 2
    const V = load<f64>(vPtr + o8)
    let flag: u8 = 0
    let d: f64 = 0
    let v = V
    const r = load<i32>(refPtr + o4)
    if (r > 0) {
      store<i32>(refPtr + o4, r - 1)
      flag = 2
    } else {
      const sg = load<f64>(sgPtr + o8)
      d = spScale * sg * (1.0 - sg)
      if (load<f64>(uPtr + o8) < probScale * sg) {
        flag = 1
        store<i32>(refPtr + o4, nRef)
        store<i32>(listPtr + (<usize>cnt << 2), i)
        cnt++
        v = V - load<f64>(resetPtr + o8)
      }
    }
    store<f64>(vStatePtr + o8, v)
    store<f32>(spPtr + o4, <f32>d)
    store<f32>(etaPtr + o4, <f32>load<f64>(noisePtr + o8))
    store<u8>(flagsPtr + <usize>i, flag)
  }
  return cnt
}
