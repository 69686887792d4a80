// Synthetic MATLAB v7.3 files with the structure of Esmaeili et al. 2021 spikeData_v9.mat: a 1×S struct array whose
// fields are references into #refs#, chars as uint16, cells as references, logicals as uint8, column-major shapes,
// and the 512-byte MATLAB user block.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { Dataset, Group, Reference } from 'h5wasm'
import { h5 } from './h5'

export interface MatSession {
  mouse: string
  date: string
  expert: boolean
  /** Per trial. */
  onsets: number[]
  outcome: ('Hit' | 'Miss' | 'CR' | 'FA' | 'EarlyLick')[]
  stim: number[]
  /** Per trial jaw trace at 500 fps from −1 s (trials × frames); omitted → field absent. */
  jaw?: number[][]
  /** Per unit. */
  area: string[]
  width: number[]
  include?: number[]
  spikets: number[][]
  /** Field written as MATLAB_empty (e.g. 'LickOnsets'). */
  emptyFields?: string[]
  /** The `area` cell's first element made a reference to the cell itself (a damaged file). */
  selfReferencingArea?: boolean
}

class RefsWriter {
  private n = 0
  constructor(private readonly refs: Group) {}
  private name(): string {
    return `r${this.n++}`
  }
  /** MATLAB double array of MATLAB dims [rows, cols] from column-major `data`. */
  double(data: number[], rows: number, cols: number, where: Group = this.refs, name = this.name()): Dataset {
    const d = where.create_dataset({ name, data: Float64Array.from(data), shape: [cols, rows], dtype: '<d' })
    d.create_attribute('MATLAB_class', 'double')
    return d
  }
  logical(data: number[], where: Group = this.refs, name = this.name()): Dataset {
    const d = where.create_dataset({ name, data: Uint8Array.from(data), shape: [data.length, 1], dtype: '<B' })
    d.create_attribute('MATLAB_class', 'logical')
    d.create_attribute('MATLAB_int_decode', 1, null, '<i')
    return d
  }
  char(text: string, where: Group = this.refs, name = this.name()): Dataset {
    const codes = Uint16Array.from(text, (c) => c.charCodeAt(0))
    const d = where.create_dataset({ name, data: codes, shape: [codes.length, 1], dtype: '<H' })
    d.create_attribute('MATLAB_class', 'char')
    d.create_attribute('MATLAB_int_decode', 2, null, '<i')
    return d
  }
  empty(where: Group = this.refs, name = this.name()): Dataset {
    const d = where.create_dataset({ name, data: BigUint64Array.from([0n, 0n]) })
    d.create_attribute('MATLAB_class', 'double')
    d.create_attribute('MATLAB_empty', 1, null, '<B')
    return d
  }
  /** A 1×n cell array of already-written elements. */
  cell(elements: Dataset[], where: Group = this.refs, name = this.name()): Dataset {
    const refs: Reference[] = elements.map((e) => e.create_reference())
    const d = where.create_dataset({ name, data: refs, shape: [refs.length, 1] })
    d.create_attribute('MATLAB_class', 'cell')
    return d
  }
  /** A struct-array field: one reference per element, no MATLAB_class. */
  field(elements: Dataset[], where: Group, name: string): void {
    where.create_dataset({ name, data: elements.map((e) => e.create_reference()), shape: [elements.length, 1] })
  }
}

function selfReferencing(cell: Dataset, yes: boolean | undefined): Dataset {
  if (yes) cell.write_slice([[0, 1]], [cell.create_reference()])
  return cell
}

const ONE_HOT = ['Hit', 'Miss', 'CR', 'FA'] as const

/** Writes `sessions` as a spikeData_v9-like struct array to `path` (with the MATLAB user block). */
export async function buildEsmaeiliMat(path: string, sessions: MatSession[]): Promise<string> {
  const lib = await h5()
  const tmp = `${path}.body`
  const f = new lib.File(tmp, 'w')
  try {
    const refs = f.create_group('#refs#')
    const w = new RefsWriter(refs)
    const root = f.create_group('spikeData_v9')
    root.create_attribute('MATLAB_class', 'struct')
    const per = (fn: (s: MatSession) => Dataset): Dataset[] => sessions.map(fn)
    const vec = (v: number[]): Dataset => w.double(v, v.length, 1)
    const orEmpty = (s: MatSession, name: string, make: () => Dataset): Dataset =>
      s.emptyFields?.includes(name) ? w.empty() : make()
    w.field(
      per((s) => w.char(s.mouse)),
      root,
      'mouse'
    )
    w.field(
      per((s) => w.char(s.date)),
      root,
      'date'
    )
    w.field(
      per((s) => w.logical([s.expert ? 1 : 0])),
      root,
      'expert'
    )
    w.field(
      per((s) => vec(s.onsets)),
      root,
      'TrialOnsets_All'
    )
    for (const o of ONE_HOT)
      w.field(
        per((s) => vec(s.outcome.map((x) => (x === o ? 1 : 0)))),
        root,
        `${o}Indices`
      )
    w.field(
      per((s) => vec(s.outcome.map((x) => (x === 'EarlyLick' ? 0 : 1)))),
      root,
      'CompletedTrialIndices'
    )
    w.field(
      per((s) => vec(s.stim)),
      root,
      'StimIndices_All'
    )
    w.field(
      per((s) => orEmpty(s, 'LickOnsets', () => vec(s.onsets.map(() => 0.2)))),
      root,
      'LickOnsets'
    )
    w.field(
      per((s) => selfReferencing(w.cell(s.area.map((a) => w.char(a))), s.selfReferencingArea)),
      root,
      'area'
    )
    w.field(
      per((s) => vec(s.width)),
      root,
      'width'
    )
    w.field(
      per((s) => vec(s.include ?? s.area.map(() => 1))),
      root,
      'include'
    )
    w.field(
      per((s) => vec(s.area.map((_, u) => 100 + u))),
      root,
      'cluster'
    )
    w.field(
      per((s) => w.cell(s.spikets.map((st) => w.double(st, st.length, 1)))),
      root,
      'spikets'
    )
    if (sessions.some((s) => s.jaw)) {
      // MATLAB K×F matrix: column-major data, element (k, f) at k + f·K.
      w.field(
        per((s) => {
          const jaw = s.jaw ?? []
          const K = jaw.length
          const F = jaw[0]?.length ?? 0
          const data: number[] = []
          for (let fr = 0; fr < F; fr++) for (let k = 0; k < K; k++) data.push(jaw[k]![fr]!)
          return w.double(data, K, F)
        }),
        root,
        'Jaw_pos'
      )
    }
  } finally {
    f.close()
  }
  const header = Buffer.alloc(512, 0x20)
  header.write('MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 .')
  header.writeUInt16LE(0x0200, 124)
  header.write('IM', 126)
  writeFileSync(path, Buffer.concat([header, readFileSync(tmp)]))
  rmSync(tmp)
  return path
}
