// The loss-spike check on loss sequences measured in real fits: the bursts of the 10-session dataset's first steps
// (docs/fit-speed.md) are spikes, the step-to-step noise of a tiny fit is not.
import { describe, expect, it } from 'vitest'
import { LossSpikeGuard } from '../../../src/main/engine/train/loss-spike'

/** The steps flagged, each flagged step left out of the window (it is rolled back), as the trainer does. */
function flagged(losses: number[]): number[] {
  const g = new LossSpikeGuard()
  const out: number[] = []
  losses.forEach((x, i) => {
    if (g.check(x)) out.push(i + 1)
    else g.accept(x)
  })
  return out
}

describe('LossSpikeGuard', () => {
  it('flags the bursts of a large fit (N = 1,042; steps 3, 6 and 8)', () => {
    expect(flagged([84.2, 67.54, 17194, 68.18, 58.93, 5049.7, 58.99, 520.0, 58.82, 62.07])).toEqual([3, 6, 8])
    // the Standard preset without warm-up: a burst at step 2
    expect(flagged([91.23, 12261, 64.37, 74.32])).toEqual([2])
  })

  it('does not flag the noise of a tiny fit (real losses, 20 trials, lr 0.01: up to 6.4× the recent median)', () => {
    const tiny = [
      2055284, 228844, 11398, 56551, 50405, 37691, 57712, 4399, 10384, 14450, 4098, 1830, 7510, 5154, 12025, 29431,
      7238, 8088, 14267, 1608, 5309, 2519, 1021, 3577, 13699, 4094
    ]
    expect(flagged(tiny)).toEqual([])
    expect(flagged([10907, 3584, 5170, 1373, 1931, 6366, 2660, 190, 230, 812, 325, 2085, 885])).toEqual([])
  })
})
