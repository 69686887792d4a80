// AssemblyScript source of the backward's list building (Kernels.buildLists, kernels/kernels.ts), as the js
// reference (kernels/build-lists.ts): branch-free, same lists and counts.

/**
 * For i < n (byte addresses; flags u8, sp f32, spikes/active/counts i32): i goes to spikes when flags & 1 and to
 * active when sp ≥ lo (compared in f64, as JS compares a Float32Array element); counts = [spikes, active].
 */
export function buildLists(n: i32, flagsPtr: usize, spPtr: usize, lo: f64, spikesPtr: usize, activePtr: usize, countsPtr: usize): void {
  let ns: i32 = 0
  let na: i32 = 0
  for (let i: i32 = 0; i < n; i++) {
    store<i32>(spikesPtr + (<usize>ns << 2), i)
    ns += <i32>(load<u8>(flagsPtr + <usize>i) & 1)
    store<i32>(activePtr + (<usize>na << 2), i)
    na += <i32>(<f64>load<f32>(spPtr + (<usize>i << 2)) >= lo)
  }
  store<i32>(countsPtr, ns)
  store<i32>(countsPtr + 4, na)
}
