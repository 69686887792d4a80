// Entry of the io worker (built as out/main/io-worker.js): runs ONE request and ends. Its h5wasm instance and
// every buffer of the read live in this thread, so the memory an import peaks at is returned when it exits
// (wasm memory never shrinks within one instance).
import { parentPort } from 'node:worker_threads'
import { toAppErrorData } from '@shared/contract/errors'
import type { ImportMapping } from '@shared/domain/import-mapping'
import type { SessionData } from '@shared/domain/dataset'
import { inspectRecording, readRecordingReport } from '../recording'
import { writeSessionsH5 } from '../rsnn-h5/write'
import type { SessionsMeta } from '../rsnn-h5/layout'
import type { IoWorkerReply, IoWorkerRequest } from './protocol'

const port = parentPort
if (!port) throw new Error('io-worker.js runs as a worker thread')
const reply = (msg: IoWorkerReply): void => port.postMessage(msg)

async function run(req: IoWorkerRequest): Promise<unknown> {
  if (req.op === 'inspectRecording') return inspectRecording(req.args[0], req.args[1] as ImportMapping | undefined)
  if (req.op === 'readRecordingReport') {
    return readRecordingReport(req.args[0], req.args[1] as ImportMapping, (fraction, stage) =>
      reply({ kind: 'progress', fraction, stage })
    )
  }
  return writeSessionsH5(req.args[0], req.args[1] as SessionData[], req.args[2] as SessionsMeta)
}

port.once('message', (req: IoWorkerRequest) => {
  run(req).then(
    (value) => reply({ kind: 'done', value }),
    (err: unknown) => reply({ kind: 'failed', error: toAppErrorData(err) })
  )
})
