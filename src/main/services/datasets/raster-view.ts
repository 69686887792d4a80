// Spike raster of one area of one session for the UI, in pages of whole trials (a whole area of a Neuropixels-sized
// session is ≈ 15 M spikes: 186 MB as one reply).
import { AppError } from '@shared/contract/errors'
import type { Raster } from '@shared/contract/datasets-methods'
import type { SessionData } from '@shared/domain/dataset'
import { OUTCOME_GROUPING } from '@shared/domain/trial-groups'
import { trialCounts } from '../../io/trial-counts'
import { eventsOf, grouping, trialsByGroup } from './views'

/** Which spikes of a raster one reply holds. */
export interface RasterPage {
  /** First row (display order) whose spikes to send; default 0. */
  fromRow?: number
  /** Only this unit's spikes (an index into the area's units); default every unit's. */
  unit?: number
  /** Most spikes the reply holds (whole trials, at least one); default RSNN_RASTER_PAGE_SPIKES or RASTER_PAGE_SPIKES. */
  maxSpikes?: number
}

/**
 * Most spikes one raster reply holds (RSNN_RASTER_PAGE_SPIKES overrides it): 2^20 spikes are 12 MiB of (trial, unit,
 * bin) entries, a few times the example's largest area; a whole area of a Neuropixels-sized session (≈ 15 M spikes,
 * 186 MB) comes in pages of whole trials instead of one reply.
 */
export const RASTER_PAGE_SPIKES = 2 ** 20

function rasterPageSpikes(): number {
  const env = Number(process.env['RSNN_RASTER_PAGE_SPIKES'])
  return Number.isInteger(env) && env > 0 ? env : RASTER_PAGE_SPIKES
}

/**
 * Raster of one area of one session: one (trial, unit, bin) entry per spike, trials sorted by `groupBy` (default
 * the outcome), with the task's events of each row. Spikes of the rows from `fromRow` on (of one unit when `unit` is
 * given), whole trials, until the next trial would take the page past `maxSpikes` (a page holds at least one trial).
 */
export function rasterView(
  s: SessionData,
  area: string,
  groupBy: string = OUTCOME_GROUPING,
  page: RasterPage = {}
): Raster {
  const { fromRow = 0, unit, maxSpikes = rasterPageSpikes() } = page
  const unitIdx = s.units.flatMap((u, i) => (u.area === area ? [i] : []))
  if (unitIdx.length === 0) {
    const areas = [...new Set(s.units.map((u) => u.area))].join(', ')
    throw new AppError('NOT_FOUND', `session "${s.name}" has no units in area "${area}" (areas: ${areas})`, {
      field: 'area'
    })
  }
  const { labels } = grouping(s, groupBy)
  const order = trialsByGroup(s, groupBy)
  if (fromRow > order.length) {
    throw new AppError('BAD_VALUE', `row ${fromRow} is past the raster's ${order.length} trials`, { field: 'fromRow' })
  }
  if (unit !== undefined && unit >= unitIdx.length) {
    throw new AppError('BAD_VALUE', `unit ${unit} is past the area's ${unitIdx.length} units`, { field: 'unit' })
  }
  const T = s.nBins
  const cols = unit === undefined ? unitIdx : [unitIdx[unit]!]
  const nu = cols.length
  // A trial at a time: the area's counts are binned per trial, never the session's whole array (1.4 GB for 1,000
  // units × 2,000 trials at 2 ms); the spikes of the page are kept in growing arrays.
  const spikeTrial = new GrowingInt32()
  const spikeUnit = new GrowingInt32()
  const spikeBin = new GrowingInt32()
  let end = fromRow
  for (; end < order.length; end++) {
    const counts = trialCounts(s, [order[end]!], cols)
    let n = 0
    for (const c of counts) n += c
    if (end > fromRow && spikeTrial.length + n > maxSpikes) break
    for (let t = 0; t < T; t++) {
      for (let col = 0; col < nu; col++) {
        for (let c = counts[t * nu + col]!; c > 0; c--) {
          spikeTrial.push(end)
          spikeUnit.push(unit ?? col)
          spikeBin.push(t)
        }
      }
    }
  }
  const groups: Raster['groups'] = []
  order.forEach((k, row) => {
    const label = labels[k]!
    const last = groups[groups.length - 1]
    if (last && last.label === label) last.count++
    else groups.push({ label, first: row, count: 1 })
  })
  return {
    session: s.name,
    area,
    dt: s.binning.dt,
    start: s.binning.start,
    nBins: T,
    units: unitIdx.map((u) => ({ sourceId: s.units[u]!.sourceId, type: s.units[u]!.type })),
    trials: order.map((k) => ({ sourceIndex: s.trials[k]!.sourceIndex, outcome: s.trials[k]!.outcome })),
    groupBy,
    groups,
    taskEvents: eventsOf(s, order),
    spikeRows: { first: fromRow, end },
    spikeTrial: spikeTrial.values(),
    spikeUnit: spikeUnit.values(),
    spikeBin: spikeBin.values()
  }
}

/** An Int32Array that grows by doubling (a raster's spike count is known only once every trial is binned). */
class GrowingInt32 {
  private buf = new Int32Array(1024)
  private n = 0
  get length(): number {
    return this.n
  }
  push(v: number): void {
    if (this.n === this.buf.length) {
      const next = new Int32Array(this.buf.length * 2)
      next.set(this.buf)
      this.buf = next
    }
    this.buf[this.n++] = v
  }
  /** The values pushed, in a buffer of their own size. */
  values(): Int32Array {
    return this.buf.slice(0, this.n)
  }
}
