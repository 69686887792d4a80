// When a fit's held-out T'trial first reached 80/90/95 % of its ceiling, for `bench:fit`'s fit-time-to-quality line:
// the full T'trial (per-area population means and jaw) and the neural-only one (without the jaw block).
import type { FitProgress, Metrics } from '@shared/domain/fit'

const LEVELS = ['80', '90', '95'] as const
type Level = (typeof LEVELS)[number]
type ByLevel = Record<Level, number | null>

export const r3 = (x: number | null | undefined): number | null =>
  typeof x === 'number' ? Math.round(x * 1000) / 1000 : null

/** value / ceiling, or null where either is missing or the ceiling is not positive. */
export function ceilingRatio(value: number | null | undefined, ceiling: number | null | undefined): number | null {
  return typeof value === 'number' && typeof ceiling === 'number' && ceiling > 0 ? value / ceiling : null
}

/** The first evaluation at which one ratio reached each level: in seconds of training, CPU seconds and steps. */
class FirstReached {
  readonly at: ByLevel = { '80': null, '90': null, '95': null }
  /** CPU seconds of the whole process (all threads): robust to other processes sharing the cores. */
  readonly cpuAt: ByLevel = { '80': null, '90': null, '95': null }
  /** Steps: robust to a loaded machine. */
  readonly stepAt: ByLevel = { '80': null, '90': null, '95': null }
  best = 0

  see(ratio: number, step: number, s: number, cpu: number): void {
    this.best = Math.max(this.best, ratio)
    for (const k of LEVELS) {
      if (this.at[k] !== null || ratio < Number(k) / 100) continue
      this.at[k] = r3(s)
      this.cpuAt[k] = Math.round(cpu)
      this.stepAt[k] = step
    }
  }

  /** t80_s … t95_step, with `tag` after the level (t95_neural_s) when given. */
  fields(tag: string): Record<string, number | null> {
    const out: Record<string, number | null> = {}
    for (const [unit, by] of [
      ['s', this.at],
      ['cpu_s', this.cpuAt],
      ['step', this.stepAt]
    ] as const) {
      for (const k of LEVELS) out[`t${k}${tag}_${unit}`] = by[k]
    }
    return out
  }
}

export class QualityTimes {
  private lastMetrics = ''
  readonly full = new FirstReached()
  readonly neural = new FirstReached()
  readonly evals: { step: number; s: number; cpu_s: number; ratio: number; neural_ratio: number | null }[] = []
  private readonly cpu0 = process.cpuUsage()

  see(p: FitProgress): void {
    const m: Metrics | null = p.metrics
    if (!m) return
    const key = JSON.stringify(m)
    if (key === this.lastMetrics) return // a progress event that repeats the last evaluation
    this.lastMetrics = key
    const ratio = ceilingRatio(m.t_trial_pearson, m.t_trial_pearson_ceiling)
    if (ratio === null) return
    const neural = ceilingRatio(m.t_trial_neural_pearson, m.t_trial_neural_pearson_ceiling)
    const du = process.cpuUsage(this.cpu0)
    const cpu = (du.user + du.system) / 1e6
    const s = Math.round(p.elapsedS)
    this.evals.push({ step: p.step, s, cpu_s: Math.round(cpu), ratio: r3(ratio) ?? 0, neural_ratio: r3(neural) })
    this.full.see(ratio, p.step, p.elapsedS, cpu)
    if (neural !== null) this.neural.see(neural, p.step, p.elapsedS, cpu)
  }

  line(steps: number, seconds: number, threads: number | null, rollbacks: number[]): Record<string, unknown> {
    const full = this.full.fields('')
    const neural = this.neural.fields('_neural')
    return {
      name: 'fit-time-to-quality',
      t80_s: full.t80_s,
      t90_s: full.t90_s,
      t95_s: full.t95_s,
      best_ratio: r3(this.full.best),
      ...Object.fromEntries(Object.entries(full).filter(([k]) => !/^t\d\d_s$/.test(k))),
      ...neural,
      best_neural_ratio: r3(this.neural.best),
      steps,
      s_per_step: r3(steps ? seconds / steps : null),
      threads,
      // Steps the divergence guard rolled back (each halves the learning rate until it doubles back, engine/train/loop.ts).
      rollback_steps: rollbacks
    }
  }
}
