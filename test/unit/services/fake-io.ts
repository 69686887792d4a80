// Test double for the io port: "recordings" are JSON files describing sessions; the dataset file is codec JSON.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { decode, encode } from '@shared/contract/codec'
import type { AppError } from '@shared/contract/errors'
import type { BinnedSession, Outcome, SessionData, UnitInfo } from '@shared/domain/dataset'
import type { ImportMapping, MappingGuess } from '@shared/domain/import-mapping'
import type { IoPort } from '../../../src/main/services/io-port'

export interface FakeSessionSpec {
  name: string
  units: { area: string; type?: UnitInfo['type'] }[]
  outcomes: Outcome[]
  nBins: number
  dt?: number
  start?: number
  /** Spike count of (trial k, bin t, unit u). */
  count?: (k: number, t: number, u: number) => number
  jaw?: (k: number, t: number) => number
}

/** Builds SessionData with spikes[(k·T + t)·U + u] = count(k, t, u). */
export function makeSession(spec: FakeSessionSpec): SessionData {
  const T = spec.nBins
  const U = spec.units.length
  const K = spec.outcomes.length
  const dt = spec.dt ?? 0.01
  const start = spec.start ?? -0.05
  const spikes = new Uint8Array(K * T * U)
  for (let k = 0; k < K; k++)
    for (let t = 0; t < T; t++) for (let u = 0; u < U; u++) spikes[(k * T + t) * U + u] = spec.count?.(k, t, u) ?? 0
  const behaviour: Record<string, Float32Array> = {}
  if (spec.jaw) {
    const jaw = new Float32Array(K * T)
    for (let k = 0; k < K; k++) for (let t = 0; t < T; t++) jaw[k * T + t] = spec.jaw(k, t)
    behaviour['jaw'] = jaw
  }
  return {
    name: spec.name,
    sourceFile: `${spec.name}.nwb`,
    units: spec.units.map((u, i) => ({ sourceId: i + 1, area: u.area, type: u.type ?? 'E', firingRateHz: 5 })),
    trials: spec.outcomes.map((o, k) => ({
      sourceIndex: k,
      outcome: o,
      stimulus: o === 'Hit' || o === 'Miss' ? 1 : 0,
      alignTime: 10 + k
    })),
    binning: { dt, start, stop: start + T * dt },
    nBins: T,
    spikes,
    spikeTimes: spec.units.map(() => new Float64Array(0)),
    behaviour
  }
}

/** Writes a fake recording file: a JSON list of session specs (counts given as flat arrays). */
export function writeRecording(path: string, sessions: SessionData[]): void {
  writeFileSync(path, encode(sessions))
}

export interface FakeIoControls {
  io: IoPort
  /** Set to make the next call of that function throw. */
  failRead?: AppError
  failWrite?: AppError
  calls: string[]
}

/** An IoPort over codec-JSON files; controls let a test inject failures. */
export function fakeIo(): FakeIoControls {
  const c: FakeIoControls = { calls: [], io: undefined as unknown as IoPort }
  c.io = {
    inspectRecording(file): MappingGuess {
      c.calls.push(`inspect ${file}`)
      return {
        file,
        format: 'nwb',
        unitColumns: ['location'],
        trialColumns: ['outcome'],
        outcomeValues: {},
        codeColumns: [],
        behaviourSeries: [],
        trialTables: [],
        eventSeries: [],
        guess: {},
        warnings: []
      }
    },
    readRecording(file: string, _mapping: ImportMapping, onProgress) {
      c.calls.push(`read ${file}`)
      onProgress?.(0.5, 'reading')
      if (c.failRead) throw c.failRead
      return decode(readFileSync(file, 'utf8')) as BinnedSession[]
    },
    writeSessionsH5(path, sessions) {
      c.calls.push(`write ${path}`)
      writeFileSync(path, encode(sessions).slice(0, c.failWrite ? 10 : undefined))
      if (c.failWrite) throw c.failWrite
    },
    readSessionsH5(path) {
      c.calls.push(`readH5 ${path}`)
      return decode(readFileSync(path, 'utf8')) as SessionData[]
    },
    hashFile(path) {
      return createHash('sha256').update(readFileSync(path)).digest('hex')
    }
  }
  return c
}
