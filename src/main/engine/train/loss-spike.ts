// A step whose loss jumps far above the recent healthy steps' is treated like a diverged one (rolled back): at
// N ≈ 1,000 the first Adam steps can push the network into a burst (48 Hz against 6 Hz the step before, loss
// 5,049 against 58; another at 13.5 Hz, loss 520 against 59) that stays under the mean-rate limit, and its
// gradient would otherwise enter Adam's moments: the momentum kept pushing the rates down for tens of steps, and the
// second moment shrinks later updates for hundreds (docs/fit-speed.md).

/** A spike is above this multiple of the recent healthy losses' median … */
export const LOSS_SPIKE_FACTOR = 5
/**
 * … and above the median by this many median absolute deviations: the loss of a small fit is noisy (a tiny network
 * on 20 trials moves by up to 6× from one step to the next without bursting), a large fit's is not.
 */
export const LOSS_SPIKE_MADS = 20
// Healthy steps remembered. The check starts after the first one: the Standard preset burst at step 2 (76 Hz, loss
// 12,261 against 91 at step 1).
const WINDOW = 5

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export class LossSpikeGuard {
  private readonly recent: number[] = []

  /** Why this loss is a spike, or null when it is not (or no healthy step was seen yet). */
  check(loss: number): string | null {
    if (this.recent.length === 0) return null
    const m = median(this.recent)
    const mad = median(this.recent.map((x) => Math.abs(x - m)))
    if (!(m > 0) || loss <= LOSS_SPIKE_FACTOR * m || loss <= m + LOSS_SPIKE_MADS * mad) return null
    return `loss ${loss.toPrecision(4)} is over ${LOSS_SPIKE_FACTOR}× the recent median ${m.toPrecision(4)}`
  }

  /** Records the loss of a step that was taken (not rolled back). */
  accept(loss: number): void {
    this.recent.push(loss)
    if (this.recent.length > WINDOW) this.recent.shift()
  }
}
