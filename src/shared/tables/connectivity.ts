// Tables of the Connectivity view: area-to-area weights (the report's long form, and the view's two matrices), the
// weight distribution, and the input currents per task period and outcome.
import type { Connectivity } from '../domain/comparison'
import type { InputCurrents } from '../domain/input-currents'
import { datasetConditions } from '../domain/conditions'
import type { CsvCell } from '../csv'
import type { Table } from './table'

/** Area-to-area mean recurrent weights (delays summed; dimensionless model weights), one row per target/source pair. */
export function connectivityTable(c: Connectivity): Table {
  const A = c.areas.length
  const rows: CsvCell[][] = []
  for (let post = 0; post < A; post++) {
    for (let pre = 0; pre < A; pre++)
      rows.push([c.areas[pre], c.areas[post], c.meanExc[post * A + pre], c.meanInh[post * A + pre]])
  }
  return {
    name: 'connectivity',
    header: ['source_area', 'target_area', 'mean_exc_weight_au', 'mean_inh_weight_magnitude_au'],
    rows
  }
}

/** One weight matrix as the view draws it: a row per target area, a column per source area. */
export function connectivityMatrixTable(c: Connectivity, kind: 'exc' | 'inh'): Table {
  const A = c.areas.length
  const m = kind === 'exc' ? c.meanExc : c.meanInh
  return {
    name: kind === 'exc' ? 'connectivity-exc-matrix' : 'connectivity-inh-matrix',
    header: ['target_area', ...c.areas.map((a) => `from_${a}`)],
    rows: c.areas.map((a, i) => [a, ...Array.from(m.subarray(i * A, (i + 1) * A))])
  }
}

/** The distribution of non-zero weight magnitudes: bin edges and counts per presynaptic type. */
export function weightHistogramTable(c: Connectivity): Table {
  const h = c.histogram
  return {
    name: 'weight-histogram',
    header: ['edge_lo', 'edge_hi', 'exc_count', 'inh_count'],
    rows: Array.from(h.exc, (count, i) => [h.edges[i], h.edges[i + 1], count, h.inh[i]])
  }
}

/** Hit − Miss input per [period × target × source] when both outcomes have trials (the view's third panel). */
export function hitMinusMiss(d: InputCurrents): Float32Array | null {
  const hit = d.byOutcome.find((x) => x.outcome === 'Hit')
  const miss = d.byOutcome.find((x) => x.outcome === 'Miss')
  return hit && miss ? Float32Array.from(hit.values, (v, i) => v - (miss.values[i] ?? NaN)) : null
}

/** Input currents: one row per period, target and source area; a column per outcome with trials, and Hit − Miss. */
export function inputCurrentsTable(d: InputCurrents): Table {
  const A = d.areas.length
  const diff = hitMinusMiss(d)
  const { labels, detection } = datasetConditions(d.conditionLabels) // columns named by the dataset's own labels
  return {
    name: 'input-currents',
    header: [
      'period',
      'target_area',
      'source_area',
      ...d.byOutcome.map((o) => `${labels[o.outcome]}_input_per_neuron_per_s`),
      ...(diff ? [detection ? 'hit_minus_miss' : `${labels.Hit}_minus_${labels.Miss}`] : [])
    ],
    rows: d.periods.flatMap((p, k) =>
      d.areas.flatMap((tgt, b) =>
        d.areas.map((src, a): CsvCell[] => {
          const i = (k * A + b) * A + a
          return [p.name, tgt, src, ...d.byOutcome.map((o) => o.values[i]), ...(diff ? [diff[i]] : [])]
        })
      )
    )
  }
}
