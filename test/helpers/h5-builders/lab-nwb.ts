// The recording of issue 12, as a lab wrote it: two areas reachable only through units/electrodes → electrodes
// location, trials in three TimeIntervals tables with their own names (none is /intervals/trials), the outcome
// coded 2 = correct / 1 = incorrect as uint8 in one table and float64 in another, and a TTL TimeSeries in
// /acquisition whose timestamps go back once (one bogus event at about −1.5e9 s).
import { buildNwb } from './nwb'

export const LAB = {
  /** Encoding trials: outcome uint8. */
  encoding: { path: '/intervals/encoding', rows: 40, t0: 10 },
  /** Recognition trials: outcome float64. */
  recognition: { path: '/intervals/recognition', rows: 30, t0: 200 },
  /** Fixation epochs, under /processing: no outcome. */
  fixation: { path: '/processing/behavior/fixation', rows: 12, t0: 5 },
  /** Electrode rows of the six units: ALM ×3 on electrodes 0–1, Medulla ×3 on electrodes 2–3. */
  electrodeRows: [0, 1, 0, 2, 3, 2],
  areas: ['ALM', 'ALM', 'ALM', 'Medulla', 'Medulla', 'Medulla'],
  ttlPath: '/acquisition/events_ttl'
}

/** Outcome code of row k: 2 (correct) except every third row, 1 (incorrect). */
export const labCode = (k: number): number => (k % 3 === 2 ? 1 : 2)

const starts = (t0: number, n: number): number[] => Array.from({ length: n }, (_, k) => t0 + 3 * k)

/** Writes the lab file at `path`. Every unit fires every 50 ms from 1 s to 330 s (offset by 10 ms per unit). */
export function buildLabNwb(path: string): Promise<string> {
  const spikeTimes = LAB.areas.map((_, u) =>
    Array.from({ length: 6580 }, (_, k) => +(1 + u * 0.01 + k * 0.05).toFixed(4))
  )
  const enc = starts(LAB.encoding.t0, LAB.encoding.rows)
  const rec = starts(LAB.recognition.t0, LAB.recognition.rows)
  const fix = starts(LAB.fixation.t0, LAB.fixation.rows)
  return buildNwb(path, {
    electrodes: { location: ['brain_region: ALM; hemisphere: left', 'ALM', 'brain_region: Medulla', 'Medulla'] },
    units: { ids: [11, 12, 13, 14, 15, 16], spikeTimes, electrodes: { rows: LAB.electrodeRows } },
    intervals: {
      [LAB.encoding.path]: {
        start: enc,
        stop: enc.map((s) => s + 2),
        columns: { outcome: Uint8Array.from(enc, (_, k) => labCode(k)), cue_time: enc.map((s) => s + 0.5) }
      },
      [LAB.recognition.path]: {
        start: rec,
        stop: rec.map((s) => s + 2),
        columns: { outcome: Float64Array.from(rec, (_, k) => labCode(k)), probe_time: rec.map((s) => s + 0.25) }
      },
      [LAB.fixation.path]: { start: fix, stop: fix.map((s) => s + 1) }
    },
    series: [{ path: LAB.ttlPath, data: [1, 2, 3, 4, 5], timestamps: [10, 20, -1.5e9, 40, 50] }]
  })
}
