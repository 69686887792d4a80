// A step whose loss jumps far above the recent healthy steps' is treated like a diverged one (rolled back): at
// N ≈ 1,000 the first Adam steps can push the network into a burst (48 Hz against 6 Hz the step before, loss
// 5,049 against 58; another at 13.5 Hz, loss 520 against 59) that stays under the mean-rate limit, and its
// gradient would otherwise enter Adam's moments: the momentum kept pushing the rates down for tens of steps, and the
// second moment shrinks later updates for hundreds (docs/fit-speed.md).

/** A loss above this multiple of the recent healthy losses' median is a spike. */
export const LOSS_SPIKE_FACTOR = 5
// Healthy steps remembered. The check starts after the first one: the Standard preset burst at step 2 (76 Hz, loss
// 12,261 against 91 at step 1); early losses fall, they never rise 5× legitimately.
const WINDOW = 5

export class LossSpikeGuard {
  private readonly recent: number[] = []

  /** Why this loss is a spike, or null when it is not (or no healthy step was seen yet). */
  check(loss: number): string | null {
    if (this.recent.length === 0) return null
    const sorted = [...this.recent].sort((a, b) => a - b)
    const median = sorted[Math.floor(sorted.length / 2)]
    if (!(median > 0) || loss <= LOSS_SPIKE_FACTOR * median) return null
    return `loss ${loss.toPrecision(4)} is over ${LOSS_SPIKE_FACTOR}× the recent median ${median.toPrecision(4)}`
  }

  /** Records the loss of a step that was taken (not rolled back). */
  accept(loss: number): void {
    this.recent.push(loss)
    if (this.recent.length > WINDOW) this.recent.shift()
  }
}
