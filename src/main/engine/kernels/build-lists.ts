// The spike and active lists of one backward step (model/lif-backward.ts) as a kernel, plain TypeScript: the
// readable reference of Kernels.buildLists that the wasm version (as/lists.ts) is tested bit-equal to.
import type { FloatArray } from '../arrays'

/**
 * Lists, in increasing i < n, the neurons whose flag has the SPIKE bit (1) into spikes[listOff …] and those with
 * sp ≥ lo into active[listOff …] (flags and sp read at traceOff); counts[0] = spikes, counts[1] = active.
 * Branch-free (write, then advance by 0 or 1): ~18 % active neurons would make a branch mispredict.
 */
export function buildLists(
  n: number,
  flags: Uint8Array,
  sp: FloatArray,
  traceOff: number,
  lo: number,
  spikes: Int32Array,
  active: Int32Array,
  listOff: number,
  counts: Int32Array
): void {
  let ns = 0
  let na = 0
  for (let i = 0; i < n; i++) {
    spikes[listOff + ns] = i
    ns += flags[traceOff + i] & 1
    active[listOff + na] = i
    na += Number(sp[traceOff + i] >= lo)
  }
  counts[0] = ns
  counts[1] = na
}
