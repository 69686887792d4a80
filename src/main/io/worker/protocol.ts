// Messages between the io worker (one read or write of a recording, in a thread of its own) and its host.
import type { AppErrorData } from '@shared/contract/errors'

/** The io functions the worker runs, with their arguments (structured-cloneable). */
export type IoWorkerRequest =
  | { op: 'inspectRecording'; args: [file: string, chosen?: unknown] }
  | { op: 'readRecordingReport'; args: [file: string, mapping: unknown] }
  | { op: 'writeSessionsH5'; args: [path: string, sessions: unknown, meta: unknown] }

export type IoWorkerReply =
  | { kind: 'progress'; fraction: number; stage: string }
  | { kind: 'done'; value: unknown }
  | { kind: 'failed'; error: AppErrorData }
