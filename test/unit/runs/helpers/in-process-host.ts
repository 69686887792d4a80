// A FitHost that runs the real worker loop in the test's own thread with a fake trainer (no worker needed).
import { FLAG, FLAG_COUNT } from '../../../../src/main/fit-host/protocol'
import type { FitHost, FitJob, JobListener, JobRequest } from '../../../../src/main/fit-host/fit-host'
import { runFitLoop, type LoopMessage } from '../../../../src/main/fit-host/worker-loop'
import type { Trainer } from '../../../../src/main/engine'

type Factory = Parameters<typeof runFitLoop>[1]['createTrainer']

export class InProcessHost implements FitHost {
  /** Every message delivered, per job, for assertions. */
  readonly messages = new Map<string, LoopMessage[]>()
  /** When set, messages after this predicate returns true are swallowed and the job never ends (a crash). */
  crashWhen: ((msg: LoopMessage) => boolean) | null = null

  constructor(private readonly factory: Factory) {}

  start(request: JobRequest, listener: JobListener): FitJob {
    const sab = new SharedArrayBuffer(FLAG_COUNT * 4)
    const flags = new Int32Array(sab)
    const log: LoopMessage[] = []
    this.messages.set(request.jobId, log)
    let crashed = false
    const crashWhen = this.crashWhen
    const finished = runFitLoop(
      { type: 'start', ...request, flags: sab },
      {
        createTrainer: (d, c, s): Promise<Trainer> => this.factory(d, c, s),
        post: (msg) => {
          if (crashed) {
            // a dead process posts nothing more; stop the loop quickly
            Atomics.store(flags, FLAG.cancel, 1)
            return
          }
          log.push(msg)
          listener(msg)
          if (crashWhen?.(msg)) crashed = true
        }
      }
    )
    return {
      jobId: request.jobId,
      finished,
      pause: () => Atomics.store(flags, FLAG.pause, 1),
      resume: () => Atomics.store(flags, FLAG.pause, 0),
      cancel: () => Atomics.store(flags, FLAG.cancel, 1)
    }
  }
}
