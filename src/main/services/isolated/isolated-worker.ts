// Entry of the isolated worker (built as out/main/isolated-worker.js): runs ONE request and ends. Its h5wasm
// instance, the engine's wasm memory and every buffer of the work live in this thread, so the memory a read or an
// evaluation peaks at is returned when it exits (wasm memory never shrinks within one instance).
import { parentPort } from 'node:worker_threads'
import { toAppErrorData } from '@shared/contract/errors'
import type { ImportMapping } from '@shared/domain/import-mapping'
import { inspectRecording, readRecordingReport, readRecordingUnbinned } from '../../io/recording'
import { readSessionsH5 } from '../../io/rsnn-h5/read'
import { writeSessionsH5, type SessionToWrite } from '../../io/rsnn-h5/write'
import type { SessionsMeta } from '../../io/rsnn-h5/layout'
import { readCheckpointState } from '../../model-files/checkpoint-file'
import { evaluateCheckpoint, type CheckpointEvaluation } from '../runs/evaluate'
import { readCheckpoint, type CheckpointExpected } from '../work-port'
import type { IsolatedReply, IsolatedRequest } from './protocol'

const port = parentPort
if (!port) throw new Error('isolated-worker.js runs as a worker thread')
const reply = (msg: IsolatedReply, transfer: ArrayBuffer[] = []): void => port.postMessage(msg, transfer)
const progress = (fraction: number, stage: string): void => reply({ kind: 'progress', fraction, stage })

async function run(req: IsolatedRequest): Promise<unknown> {
  switch (req.op) {
    case 'inspectRecording':
      return inspectRecording(req.args[0], req.args[1] as ImportMapping | undefined)
    case 'readRecordingReport':
      return readRecordingReport(req.args[0], req.args[1] as ImportMapping, progress)
    case 'readRecordingUnbinned':
      return readRecordingUnbinned(req.args[0], req.args[1] as ImportMapping, progress)
    case 'writeSessionsH5':
      return writeSessionsH5(req.args[0], req.args[1] as SessionToWrite[], req.args[2] as SessionsMeta, progress)
    case 'readSessionsH5':
      return readSessionsH5(req.args[0])
    case 'readCheckpoint':
      return readCheckpoint(req.args[0], req.args[1] as CheckpointExpected)
    case 'evaluateCheckpoint':
      return evaluateCheckpoint(req.args[0] as CheckpointEvaluation, {
        readCheckpointState,
        readSessions: readSessionsH5
      })
  }
}

/**
 * The buffers of the typed arrays in a result, moved to the host rather than copied (this thread ends next): whole
 * buffers, and buffers larger than Node's Buffer pool under views on part of them (the spike trains of a session
 * are views on one array of all its spike times: 400 MB for 50 M spikes). Views on a pooled Buffer are copied.
 */
function wholeBuffers(value: unknown, found = new Set<ArrayBuffer>(), seen = new Set<object>()): ArrayBuffer[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return [...found]
  seen.add(value)
  if (ArrayBuffer.isView(value)) {
    const b = value.buffer
    const whole = value.byteOffset === 0 && value.byteLength === b.byteLength
    if (b instanceof ArrayBuffer && (whole || b.byteLength > Buffer.poolSize)) found.add(b)
  } else for (const v of Object.values(value)) wholeBuffers(v, found, seen)
  return [...found]
}

port.once('message', (req: IsolatedRequest) => {
  run(req).then(
    (value) => reply({ kind: 'done', value }, wholeBuffers(value)),
    (err: unknown) => reply({ kind: 'failed', error: toAppErrorData(err) })
  )
})
