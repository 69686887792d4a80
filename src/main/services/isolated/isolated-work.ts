// Heavy reads, writes and evaluations in a worker thread of their own, one per call: a long-running server
// (browser mode, the Electron service child) never keeps the peak memory of an import, a dataset or checkpoint
// read (h5wasm) or an evaluation (the engine's wasm), and a file that makes the HDF5 library abort cannot leave
// it in a bad state. Same functions, same results and errors as in-process.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { Worker } from 'node:worker_threads'
import { AppError } from '@shared/contract/errors'
import type { ImportMapping, MappingGuess } from '@shared/domain/import-mapping'
import type { BinnedSession, SessionData } from '@shared/domain/dataset'
import type { Metrics } from '@shared/domain/fit'
import type { ModelParams } from '../../engine'
import type { OnProgress, ReadResult, UnbinnedReadResult } from '../../io/recording'
import type { SessionsMeta } from '../../io/rsnn-h5/layout'
import type { SessionToWrite } from '../../io/rsnn-h5/write'
import type { CheckpointEvaluation } from '../runs/evaluate'
import type { CheckpointExpected, WorkPort } from '../work-port'
import type { IsolatedReply, IsolatedRequest } from './protocol'

/** Lines the wasm runtime or HDF5 prints while failing on a damaged file; the error itself comes back as a reply. */
const NOISE = /^(Aborted\(|Cannot enlarge memory|HDF5-DIAG|\s+#\d+:|\s+(major|minor):)/

export interface IsolatedWorkOptions {
  /** out/main/isolated-worker.js; default: beside the running bundle, else ./out/main. */
  workerPath?: string
  /** Lines the worker printed on stderr that are not the HDF5/wasm noise above. */
  onLog?: (line: string) => void
}

/** Where the built worker lives: out/main beside the running bundle (or its chunks folder), else ./out/main. */
export function defaultWorkerPath(): string {
  const bundleDir = __dirname.replace(/[\\/]chunks$/, '')
  const name = 'isolated-worker.js'
  const candidates = [join(bundleDir, name), join(process.cwd(), 'out', 'main', name)]
  const found = candidates.find((p) => existsSync(p))
  if (!found)
    throw new AppError('INTERNAL', 'The isolated worker is not built: run `npm run build` first.', {
      file: candidates[0]
    })
  return found
}

/** The io functions that touch HDF5 files, and the work port, each call in a fresh worker thread that then exits. */
export function isolatedWork(opts: IsolatedWorkOptions = {}) {
  const call = <T>(req: IsolatedRequest, onProgress?: OnProgress, transfer: ArrayBuffer[] = []): Promise<T> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(opts.workerPath ?? defaultWorkerPath(), { stderr: true })
      createInterface({ input: worker.stderr }).on('line', (line) => {
        if (!NOISE.test(line)) opts.onLog?.(line)
      })
      let settled = false
      const settle = (fn: () => void): void => {
        if (settled) return
        settled = true
        fn()
        void worker.terminate()
      }
      worker.on('message', (msg: IsolatedReply) => {
        if (msg.kind === 'progress') onProgress?.(msg.fraction, msg.stage)
        else if (msg.kind === 'done') settle(() => resolve(msg.value as T))
        else settle(() => reject(AppError.from(msg.error)))
      })
      worker.on('error', (err) =>
        settle(() => reject(new AppError('INTERNAL', `the isolated worker failed: ${err.message}`)))
      )
      worker.on('exit', (code) =>
        settle(() =>
          reject(new AppError('INTERNAL', `the isolated worker stopped before answering (exit code ${code})`))
        )
      )
      worker.postMessage(req, transfer)
    })
  const work: WorkPort = {
    readCheckpoint: (file: string, expected: CheckpointExpected): Promise<{ state: Uint8Array; params: ModelParams }> =>
      call({ op: 'readCheckpoint', args: [file, expected] }),
    evaluateCheckpoint: (job: CheckpointEvaluation): Promise<Metrics> => call({ op: 'evaluateCheckpoint', args: [job] })
  }
  return {
    /** The IoPort functions that open HDF5 files (hashFile and the rest stay in the calling thread). */
    io: {
      inspectRecording: (file: string, chosen?: ImportMapping): Promise<MappingGuess> =>
        call({ op: 'inspectRecording', args: [file, chosen] }),
      readRecordingReport: (file: string, mapping: ImportMapping, onProgress?: OnProgress): Promise<ReadResult> =>
        call({ op: 'readRecordingReport', args: [file, mapping] }, onProgress),
      readRecordingUnbinned: (
        file: string,
        mapping: ImportMapping,
        onProgress?: OnProgress
      ): Promise<UnbinnedReadResult> => call({ op: 'readRecordingUnbinned', args: [file, mapping] }, onProgress),
      readRecording: async (file: string, mapping: ImportMapping, onProgress?: OnProgress): Promise<BinnedSession[]> =>
        (await call<ReadResult>({ op: 'readRecordingReport', args: [file, mapping] }, onProgress)).sessions,
      writeSessionsH5: (
        path: string,
        sessions: SessionToWrite[],
        meta: SessionsMeta = {},
        onProgress?: OnProgress
      ): Promise<void> =>
        call({ op: 'writeSessionsH5', args: [path, sessions, meta] }, onProgress, movableSpikeTimes(sessions)),
      readSessionsH5: (path: string): Promise<SessionData[]> => call({ op: 'readSessionsH5', args: [path] })
    },
    work
  }
}

/**
 * The spike-time buffers of the sessions to write that have no binned array (an import's: the writer bins them), moved
 * to the writing thread instead of copied (400 MB for 50 M spikes); they are detached here afterwards, and the import
 * does not read them again. Sessions with a binned array keep theirs (they stay cached for the views), as do buffers
 * of Node's Buffer pool (shared with unrelated small values).
 */
export function movableSpikeTimes(sessions: readonly SessionToWrite[]): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>()
  for (const s of sessions) {
    if ('spikes' in s && s.spikes) continue
    for (const st of s.spikeTimes) {
      const b = st.buffer
      if (b instanceof ArrayBuffer && b.byteLength > Buffer.poolSize) found.add(b)
    }
  }
  return [...found]
}
