// Messages between the isolated worker (one heavy read, write or evaluation, in a thread of its own) and its host.
import type { AppErrorData } from '@shared/contract/errors'

/** The functions the worker runs, with their arguments (structured-cloneable). */
export type IsolatedRequest =
  | { op: 'inspectRecording'; args: [file: string, chosen?: unknown] }
  | { op: 'readRecordingReport'; args: [file: string, mapping: unknown] }
  | { op: 'readRecordingUnbinned'; args: [file: string, mapping: unknown] }
  | { op: 'writeSessionsH5'; args: [path: string, sessions: unknown, meta: unknown] }
  | { op: 'readSessionsH5'; args: [path: string] }
  | { op: 'readCheckpoint'; args: [file: string, expected: unknown] }
  | { op: 'evaluateCheckpoint'; args: [job: unknown] }

export type IsolatedReply =
  | { kind: 'progress'; fraction: number; stage: string }
  | { kind: 'done'; value: unknown }
  | { kind: 'failed'; error: AppErrorData }
