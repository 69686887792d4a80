// Reads and writes of recordings in a worker thread of their own, one per call: a long-running server (browser
// mode, the Electron service child) never keeps an import's peak memory, and a file that makes the HDF5 library
// abort cannot leave it in a bad state. Same functions, same results and errors as the in-process io.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { Worker } from 'node:worker_threads'
import { AppError } from '@shared/contract/errors'
import type { ImportMapping, MappingGuess } from '@shared/domain/import-mapping'
import type { SessionData } from '@shared/domain/dataset'
import type { OnProgress, ReadResult } from '../recording'
import type { SessionsMeta } from '../rsnn-h5/layout'
import type { IoWorkerReply, IoWorkerRequest } from './protocol'

/** Lines the wasm runtime or HDF5 prints while failing on a damaged file; the error itself comes back as a reply. */
const NOISE = /^(Aborted\(|Cannot enlarge memory|HDF5-DIAG|\s+#\d+:|\s+(major|minor):)/

export interface IsolatedIoOptions {
  /** out/main/io-worker.js; default: beside the running bundle, else ./out/main. */
  workerPath?: string
  /** Lines the worker printed on stderr that are not the HDF5/wasm noise above. */
  onLog?: (line: string) => void
}

/** Where the built io worker lives: out/main beside the running bundle (or its chunks folder), else ./out/main. */
export function defaultIoWorkerPath(): string {
  const bundleDir = __dirname.replace(/[\\/]chunks$/, '')
  const candidates = [join(bundleDir, 'io-worker.js'), join(process.cwd(), 'out', 'main', 'io-worker.js')]
  const found = candidates.find((p) => existsSync(p))
  if (!found)
    throw new AppError('INTERNAL', 'The io worker is not built: run `npm run build` first.', { file: candidates[0] })
  return found
}

/** The io functions that touch recordings, each call in a fresh worker thread that exits when it is done. */
export function isolatedIo(opts: IsolatedIoOptions = {}) {
  const call = <T>(req: IoWorkerRequest, onProgress?: OnProgress): Promise<T> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(opts.workerPath ?? defaultIoWorkerPath(), { stderr: true })
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
      worker.on('message', (msg: IoWorkerReply) => {
        if (msg.kind === 'progress') onProgress?.(msg.fraction, msg.stage)
        else if (msg.kind === 'done') settle(() => resolve(msg.value as T))
        else settle(() => reject(AppError.from(msg.error)))
      })
      worker.on('error', (err) =>
        settle(() => reject(new AppError('INTERNAL', `the io worker failed: ${err.message}`)))
      )
      worker.on('exit', (code) =>
        settle(() => reject(new AppError('INTERNAL', `the io worker stopped before answering (exit code ${code})`)))
      )
      worker.postMessage(req)
    })
  return {
    inspectRecording: (file: string, chosen?: ImportMapping): Promise<MappingGuess> =>
      call({ op: 'inspectRecording', args: [file, chosen] }),
    readRecordingReport: (file: string, mapping: ImportMapping, onProgress?: OnProgress): Promise<ReadResult> =>
      call({ op: 'readRecordingReport', args: [file, mapping] }, onProgress),
    readRecording: async (file: string, mapping: ImportMapping, onProgress?: OnProgress): Promise<SessionData[]> =>
      (await call<ReadResult>({ op: 'readRecordingReport', args: [file, mapping] }, onProgress)).sessions,
    writeSessionsH5: (path: string, sessions: SessionData[], meta: SessionsMeta = {}): Promise<void> =>
      call({ op: 'writeSessionsH5', args: [path, sessions, meta] })
  }
}
