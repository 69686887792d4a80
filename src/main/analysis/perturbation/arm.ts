// Running sums of one arm (control, or one perturbed condition) of a perturbation experiment over its simulated
// batches, and the arm's summary: trial-type mix with Wilson intervals, Hit rate per seed, lick probability, jaw
// mean ± SD, excitatory population rate per area over time (the lit inhibitory neurons would swamp an all-neuron
// rate; excitatory neurons are what the recordings mostly hold and what projects to other areas).
import { outcomes } from '@shared/domain/dataset'
import type { ArmSummary } from '@shared/domain/perturbation-experiment'
import { wilson } from './stats'

const HIT = 0
const FA = 3

/** One simulated batch as the arm reads it (B trials × T bins × N neurons). */
export interface ArmBatch {
  spikes: Uint8Array
  jaw: Float32Array
  stimulus: Float32Array
  /** Outcome code (0 Hit, 1 Miss, 2 CR, 3 FA) and lick (0/1) per trial. */
  outcome: Uint8Array
  lick: Uint8Array
}

/** Model structure the arm needs: area and E/I per neuron, the area names, the time axis. */
export interface ArmModel {
  areas: string[]
  neuronArea: Int32Array
  neuronInhibitory: Uint8Array
  nBins: number
  dt: number
}

export class ArmSums {
  nTrials = 0
  readonly counts = [0, 0, 0, 0]
  stimTrials = 0
  catchTrials = 0
  licks = 0
  readonly bySeed: { hits: number; stim: number }[] = []
  readonly jawSum: Float64Array
  readonly jawSq: Float64Array
  trialJawSum = 0
  trialJawSq = 0
  /** Excitatory spike counts per area and bin, summed over trials [A × T]. */
  readonly areaSpikes: Float64Array
  private readonly areaSize: number[]

  constructor(private readonly m: ArmModel) {
    this.jawSum = new Float64Array(m.nBins)
    this.jawSq = new Float64Array(m.nBins)
    this.areaSpikes = new Float64Array(m.areas.length * m.nBins)
    this.areaSize = m.areas.map((_, a) => m.neuronArea.filter((x, i) => x === a && m.neuronInhibitory[i] === 0).length)
  }

  add(seedIndex: number, b: ArmBatch): void {
    const T = this.m.nBins
    const N = this.m.neuronArea.length
    const B = b.stimulus.length
    const seed = (this.bySeed[seedIndex] ??= { hits: 0, stim: 0 })
    for (let k = 0; k < B; k++) {
      const o = b.outcome[k]
      this.counts[o]++
      if (b.stimulus[k] !== 0) {
        this.stimTrials++
        seed.stim++
        if (o === HIT) seed.hits++
      } else this.catchTrials++
      this.licks += b.lick[k]
      let tj = 0
      for (let t = 0; t < T; t++) {
        const j = b.jaw[k * T + t]
        this.jawSum[t] += j
        this.jawSq[t] += j * j
        tj += j
      }
      tj /= T
      this.trialJawSum += tj
      this.trialJawSq += tj * tj
      for (let t = 0; t < T; t++) {
        const row = (k * T + t) * N
        for (let i = 0; i < N; i++)
          if (b.spikes[row + i] && this.m.neuronInhibitory[i] === 0) this.areaSpikes[this.m.neuronArea[i] * T + t]++
      }
    }
    this.nTrials += B
  }

  /** Excitatory population rate of area a per bin, Hz (mean over trials). */
  areaRate(a: number): number[] {
    const T = this.m.nBins
    const scale = 1 / (Math.max(1, this.nTrials) * Math.max(1, this.areaSize[a]) * this.m.dt)
    return Array.from(this.areaSpikes.subarray(a * T, (a + 1) * T), (x) => x * scale)
  }

  /** Mean population rate of every area over bins [b0, b1) (whole trial when empty), Hz. */
  areaRateIn(b0: number, b1: number): Record<string, number> {
    const lo = Math.max(0, b0)
    const hi = Math.min(this.m.nBins, b1)
    const [s, e] = hi > lo ? [lo, hi] : [0, this.m.nBins]
    return Object.fromEntries(
      this.m.areas.map((name, a) => [
        name,
        this.areaRate(a)
          .slice(s, e)
          .reduce((x, y) => x + y, 0) /
          (e - s)
      ])
    )
  }

  summary(windowBins: [number, number]): ArmSummary {
    const n = Math.max(1, this.nTrials)
    const hits = this.counts[HIT]
    const sd = (sum: number, sq: number, k: number): number =>
      k > 1 ? Math.sqrt(Math.max(0, (sq - (sum * sum) / k) / (k - 1))) : 0
    const mix = Object.fromEntries(outcomes.map((o, i) => [o, this.counts[i] / n])) as ArmSummary['mix']
    const mixCi95 = Object.fromEntries(
      outcomes.map((o, i) => [o, wilson(this.counts[i], this.nTrials)])
    ) as ArmSummary['mixCi95']
    return {
      nTrials: this.nTrials,
      hitRate: this.stimTrials > 0 ? hits / this.stimTrials : 0,
      hitRateCi95: wilson(hits, this.stimTrials),
      hitRateBySeed: this.bySeed.map((s) => (s.stim > 0 ? s.hits / s.stim : 0)),
      faRate: this.catchTrials > 0 ? this.counts[FA] / this.catchTrials : null,
      mix,
      mixCi95,
      lickProbability: this.licks / n,
      jawMean: this.trialJawSum / n,
      jawSd: sd(this.trialJawSum, this.trialJawSq, this.nTrials),
      areaRateHz: this.areaRateIn(windowBins[0], windowBins[1]),
      series: {
        jawMean: Array.from(this.jawSum, (x) => x / n),
        jawSd: Array.from(this.jawSum, (x, t) => sd(x, this.jawSq[t], this.nTrials)),
        areaRateHz: Object.fromEntries(this.m.areas.map((name, a) => [name, this.areaRate(a)]))
      }
    }
  }
}
