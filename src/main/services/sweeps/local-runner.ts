// Runs a sweep folder's tasks on this machine: P `sweep-task` processes at a time (each one fit with T threads),
// skipping completed tasks and resuming interrupted ones from their checkpoints. Ctrl-C stops them at a step,
// keeping their checkpoints; running the sweep again continues.
import { spawn, type ChildProcess } from 'node:child_process'
import { openSync, closeSync } from 'node:fs'
import { join } from 'node:path'
import { taskDir, taskStore, type SweepManifest } from './sweep-folder'
import { readTaskRun } from './task-states'

export interface LocalRunOptions {
  dir: string
  manifest: SweepManifest
  parallel: number
  threadsPerFit: number
  /** The CLI entry (out/main/cli.js) and the Node.js that runs it. */
  cliJs: string
  nodePath: string
  /** Called when a task's process ends (the caller merges it, prints a line). */
  onTaskEnd(index: number, code: number | null): void
  onTaskStart?(index: number): void
}

export interface LocalRunner {
  /** Resolves when every task ended or, after stop(), when the running ones have stopped. */
  done: Promise<{ ran: number; skipped: number; stopped: boolean }>
  /** Stops the running tasks (SIGINT: each keeps its last checkpoint) and starts no more. */
  stop(): void
}

export function runLocal(o: LocalRunOptions): LocalRunner {
  const todo = o.manifest.tasks.map((t) => t.index).filter((i) => readTaskRun(o.dir, i)?.status !== 'completed')
  const skipped = o.manifest.tasks.length - todo.length
  const running = new Set<ChildProcess>()
  let stopped = false
  let ran = 0
  let finish!: (v: { ran: number; skipped: number; stopped: boolean }) => void
  const done = new Promise<{ ran: number; skipped: number; stopped: boolean }>((r) => (finish = r))

  const startNext = (): void => {
    while (!stopped && running.size < o.parallel && todo.length > 0) {
      const index = todo.shift()!
      // Appended: a resumed task keeps the log of its earlier attempts.
      const log = openSync(join(taskDir(o.dir, index), 'log.txt'), 'a')
      const args = [
        o.cliJs,
        'sweep-task',
        o.dir,
        String(index),
        '--store',
        taskStore(o.dir, index),
        '--threads',
        String(o.threadsPerFit)
      ]
      // Own process group: the terminal's Ctrl-C reaches this process only, which stops the tasks itself. The IPC
      // channel is how a task learns that this process died (kill -9, crash): it then stops at a step as on Ctrl-C.
      const child = spawn(o.nodePath, args, { stdio: ['ignore', log, log, 'ipc'], detached: true })
      closeSync(log)
      running.add(child)
      ran++
      o.onTaskStart?.(index)
      child.on('close', (code) => {
        running.delete(child)
        o.onTaskEnd(index, code)
        startNext()
        if (running.size === 0 && (stopped || todo.length === 0)) finish({ ran, skipped, stopped })
      })
      child.on('error', () => undefined) // reported through 'close' with a null code
    }
  }
  startNext()
  if (running.size === 0) finish({ ran, skipped, stopped })
  return {
    done,
    stop() {
      if (stopped) return
      stopped = true
      for (const c of running) c.kill('SIGINT')
      if (running.size === 0) finish({ ran, skipped, stopped })
    }
  }
}
