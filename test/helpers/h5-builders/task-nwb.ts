// A task recording whose trials table has more than outcome and alignment: the go cue, the response and the reward
// as event times (absolute, session clock), and categorical columns (trial type, block) to group trials by, plus a
// continuous column (difficulty) that is not categorical. Values are exact so tests can check them one by one.
import { buildNwb } from './nwb'

export const TASK = {
  trials: 24,
  /** Trial k starts at 10 + 4k s; the stimulus (alignment) comes 0.5 s later. */
  start: (k: number): number => 10 + 4 * k,
  stim: (k: number): number => 10 + 4 * k + 0.5,
  /** Go cue 1.5 s after the stimulus in every trial. */
  goCueAfterStim: 1.5,
  /** Response 0.25 + 0.01·(k mod 5) s after the go cue; none on miss trials. */
  responseAfterGo: (k: number): number => 0.25 + 0.01 * (k % 5),
  /** Reward 0.1 s after the response, on hit trials. */
  rewardAfterResponse: 0.1,
  /** Every fourth trial is a miss. */
  outcome: (k: number): string => (k % 4 === 3 ? 'miss' : 'hit'),
  trialType: (k: number): string => (k % 2 === 0 ? 'left' : 'right'),
  /** Blocks of 8 trials: 1, 2, 3. */
  block: (k: number): number => 1 + Math.floor(k / 8),
  areas: ['ALM', 'ALM', 'M1', 'M1']
}

const rows = Array.from({ length: TASK.trials }, (_, k) => k)

/** Absolute response time of trial k (NaN on misses). */
export function responseTime(k: number): number {
  return TASK.outcome(k) === 'miss' ? NaN : TASK.stim(k) + TASK.goCueAfterStim + TASK.responseAfterGo(k)
}

/** Jaw position during trial k (sampled at 100 Hz over the trial's span, 0 between trials): 1 on left, 2 on right. */
export function jawOf(k: number): number {
  return TASK.trialType(k) === 'left' ? 1 : 2
}

/** Lick times of trial k (absolute): on left trials two licks, 0.3025 and 0.4025 s after the go cue (mid-bin); none on right trials. */
export function licksOf(k: number): number[] {
  const go = TASK.stim(k) + TASK.goCueAfterStim
  return TASK.trialType(k) === 'left' ? [go + 0.3025, go + 0.4025] : []
}

/** The jaw trace and the licks (BehavioralEvents) of `licksOf`, as NWB behaviour series. */
function behaviourSeries(): NonNullable<Parameters<typeof buildNwb>[1]['series']> {
  const times = Array.from({ length: 11500 }, (_, i) => +(5 + i * 0.01).toFixed(4))
  const jaw = times.map((t) => {
    const k = rows.find((r) => t >= TASK.start(r) && t <= TASK.start(r) + 3.5)
    return k === undefined ? 0 : jawOf(k)
  })
  const licks = rows.flatMap(licksOf)
  return [
    {
      path: '/processing/behavior/BehavioralTimeSeries/jaw',
      parentType: 'BehavioralTimeSeries',
      data: jaw,
      timestamps: times
    },
    {
      path: '/processing/behavior/BehavioralEvents/licks',
      parentType: 'BehavioralEvents',
      data: licks.map(() => 1),
      timestamps: licks
    }
  ]
}

/**
 * Writes the task file at `path`. Unit u fires every 20 ms from 5 s to 120 s (offset by 3 ms per unit). `behaviour`
 * adds a jaw trace and licks (jawOf, licksOf) that differ by trial type.
 */
export function buildTaskNwb(path: string, opts: { behaviour?: boolean } = {}): Promise<string> {
  const spikeTimes = TASK.areas.map((_, u) =>
    Array.from({ length: 5750 }, (_, i) => +(5 + u * 0.003 + i * 0.02).toFixed(4))
  )
  return buildNwb(path, {
    units: { ids: [1, 2, 3, 4], spikeTimes, columns: { location: TASK.areas } },
    trials: {
      start: rows.map(TASK.start),
      stop: rows.map((k) => TASK.start(k) + 3.5),
      columns: {
        stim_time: rows.map(TASK.stim),
        go_cue_time: rows.map((k) => TASK.stim(k) + TASK.goCueAfterStim),
        response_time: rows.map(responseTime),
        reward_time: rows.map((k) => responseTime(k) + TASK.rewardAfterResponse),
        outcome: rows.map(TASK.outcome),
        trial_type: rows.map(TASK.trialType),
        block: rows.map(TASK.block),
        difficulty: rows.map((k) => 0.1 + 0.37 * k)
      }
    },
    ...(opts.behaviour ? { series: behaviourSeries() } : {})
  })
}
