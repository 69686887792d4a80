// The FitHost contract: what services/runs/runs-service.ts needs to run a fit somewhere else than its own thread.
import type { StartMessage } from './protocol'
import type { FitData } from '../engine'
import type { LoopMessage } from './worker-loop'

/** What the host needs to start a job; the flags are the host's business. */
export type JobRequest = Omit<StartMessage<FitData>, 'type' | 'flags'>

/** Receives every worker message in order; exactly one terminal message (done, cancelled, failed) comes last. */
export type JobListener = (msg: LoopMessage) => void

export interface FitJob {
  readonly jobId: string
  /** The worker checkpoints, then idles until resume() or cancel(). */
  pause(): void
  resume(): void
  /** Cooperative cancel; the host terminates the worker if it has not answered after a grace period. */
  cancel(): void
  /** Resolves once the terminal message was delivered and the worker is gone. */
  readonly finished: Promise<void>
}

export interface FitHost {
  /** `request.data` is the fit's own (prepared for it): a host may move its spike arrays away (detached here). */
  start(request: JobRequest, listener: JobListener): FitJob
}

export function isTerminal(msg: LoopMessage): boolean {
  return msg.type === 'done' || msg.type === 'cancelled' || msg.type === 'failed'
}
