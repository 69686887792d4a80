// ThreadHost with real worker threads running small scripts: message pass-through, crash and exit
// detection, cooperative cancel through the shared flag, and terminate() after the grace period.
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { resolveFitConfig } from '@shared/domain/model-config'
import { ThreadHost } from '../../../src/main/fit-host/thread-host'
import type { JobRequest } from '../../../src/main/fit-host/fit-host'
import type { LoopMessage } from '../../../src/main/fit-host/worker-loop'

const request: JobRequest = {
  jobId: 'j1',
  data: { areas: ['a'], dt: 0.002, nBins: 4, stimBin: 1, sessions: [] },
  config: resolveFitConfig({}),
  state: null,
  options: {
    targetSteps: 5,
    timeLimitMs: null,
    progressIntervalMs: 100,
    bestTTrial: null,
    evalsSinceBest: 0,
    sampleTrials: 0,
    sampleNeurons: 0
  }
}

/** A host whose worker runs `body` (CommonJS, `port` = parentPort, `start` = the start message). */
function hostWith(body: string, graceMs = 2000): ThreadHost {
  const code = `const { parentPort: port } = require('node:worker_threads');
    port.once('message', (start) => { const flags = new Int32Array(start.flags); ${body} })`
  return new ThreadHost({ graceMs, spawn: () => new Worker(code, { eval: true }) })
}

type Job = ReturnType<ThreadHost['start']>

/** Runs a job to its end; `react` sees each message with the job (to pause/cancel at a known point). */
async function collect(host: ThreadHost, react?: (job: Job, msg: LoopMessage) => void): Promise<LoopMessage[]> {
  const msgs: LoopMessage[] = []
  let job: Job | null = null
  const pending: LoopMessage[] = []
  job = host.start(request, (m) => {
    msgs.push(m)
    if (job) react?.(job, m)
    else pending.push(m)
  })
  for (const m of pending) react?.(job, m)
  await job.finished
  return msgs
}

describe('ThreadHost', () => {
  it("delivers the worker's messages in order and ends with its terminal message", async () => {
    const msgs = await collect(
      hostWith(`port.postMessage({ type: 'ready', jobId: start.jobId, backend: 'x', threads: 1, step: 0 });
        port.postMessage({ type: 'done', jobId: start.jobId, step: 5, reason: 'completed' }); port.close()`)
    )
    expect(msgs.map((m) => m.type)).toEqual(['ready', 'done'])
    expect(msgs[0]).toMatchObject({ jobId: 'j1' })
  })

  it('reports a worker that throws as failed, with the error message', async () => {
    const msgs = await collect(
      hostWith(
        `port.postMessage({ type: 'ready', jobId: 'j1', backend: 'x', threads: 1, step: 4 }); throw new Error('boom')`
      )
    )
    expect(msgs.at(-1)).toMatchObject({ type: 'failed', step: 4, error: { message: 'boom' } })
    expect(msgs.filter((m) => m.type === 'failed')).toHaveLength(1)
  })

  it('reports a worker that exits without a word as failed, with the exit code', async () => {
    const msgs = await collect(hostWith('process.exit(3)'))
    expect(msgs).toEqual([
      {
        type: 'failed',
        jobId: 'j1',
        step: 0,
        error: { code: 'INTERNAL', message: 'The engine worker stopped unexpectedly (exit code 3).' }
      }
    ])
  })

  it('cancels cooperatively through the shared flag', async () => {
    const msgs = await collect(
      hostWith(`port.postMessage({ type: 'ready', jobId: 'j1', backend: 'x', threads: 1, step: 2 });
        const tick = () => Atomics.load(flags, 0) === 1
          ? (port.postMessage({ type: 'cancelled', jobId: 'j1', step: 2 }), port.close())
          : setTimeout(tick, 5);
        tick()`),
      (job, m) => m.type === 'ready' && job.cancel()
    )
    expect(msgs.map((m) => m.type)).toEqual(['ready', 'cancelled'])
  })

  it('terminates a worker stuck inside a step after the grace period and reports it cancelled', async () => {
    const msgs = await collect(
      hostWith(
        `port.postMessage({ type: 'ready', jobId: 'j1', backend: 'x', threads: 1, step: 7 }); setTimeout(() => { for (;;) {} }, 0)`,
        150
      ),
      (job, m) => m.type === 'ready' && job.cancel()
    )
    expect(msgs.map((m) => m.type)).toEqual(['ready', 'cancelled'])
    expect(msgs.at(-1)).toMatchObject({ step: 7 })
  })

  it('sets and clears the pause flag', async () => {
    const msgs = await collect(
      hostWith(`port.postMessage({ type: 'ready', jobId: 'j1', backend: 'x', threads: 1, step: 0 });
        let saw = false;
        const tick = () => {
          const p = Atomics.load(flags, 1);
          if (p === 1 && !saw) { saw = true; port.postMessage({ type: 'paused', jobId: 'j1', step: 0 }) }
          if (saw && p === 0) { port.postMessage({ type: 'done', jobId: 'j1', step: 0, reason: 'completed' }); port.close() }
          else setTimeout(tick, 5) };
        tick()`),
      (job, m) => {
        if (m.type === 'ready') job.pause()
        if (m.type === 'paused') job.resume()
      }
    )
    expect(msgs.map((m) => m.type)).toEqual(['ready', 'paused', 'done'])
  })

  it('refuses to start without a built worker, saying how to build it', () => {
    const host = new ThreadHost()
    const cwd = process.cwd()
    process.chdir('/')
    try {
      expect(() => host.start(request, () => undefined)).toThrow(
        /engine-worker\.js: The engine worker is not built: run `npm run build` first/
      )
    } finally {
      process.chdir(cwd)
    }
  })
})
