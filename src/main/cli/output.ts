// CLI output: results on stdout, progress on stderr (a bar on a TTY, plain lines otherwise), one-line errors.
import type { AppErrorData } from '@shared/contract/errors'

export interface Stream {
  write(s: string): unknown
  isTTY?: boolean
  columns?: number
}

export class Output {
  private lastLine = ''
  private barShown = false

  constructor(
    readonly stdout: Stream,
    readonly stderr: Stream
  ) {}

  line(s = ''): void {
    this.clearBar()
    this.stdout.write(`${s}\n`)
  }

  /** A non-fatal finding, on stderr so stdout stays the result. */
  warn(s: string): void {
    this.clearBar()
    this.stderr.write(`warning: ${s}\n`)
  }

  /** Pretty JSON on stdout (the only thing printed there with --json). */
  json(value: unknown): void {
    this.clearBar()
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
  }

  /**
   * Progress of a long task: a redrawn bar on a TTY; otherwise one plain line whenever the stage changes or
   * another 10 % is done, so logs stay short.
   */
  progress(fraction: number, label: string): void {
    const pct = Math.round(Math.min(1, Math.max(0, fraction)) * 100)
    if (this.stderr.isTTY) {
      const width = 24
      const filled = Math.round((pct / 100) * width)
      const text = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${label}`
      const max = Math.max(20, (this.stderr.columns ?? 80) - 1)
      this.stderr.write(`\r${text.slice(0, max).padEnd(max)}`)
      this.barShown = true
      return
    }
    const line = `${label} ${Math.floor(pct / 10) * 10}%`
    if (line !== this.lastLine) {
      this.lastLine = line
      this.stderr.write(`${label}: ${pct}%\n`)
    }
  }

  /** One clear line on stderr; with --json also the error object on stdout for scripts. */
  error(err: AppErrorData, json: boolean): void {
    this.clearBar()
    this.stderr.write(`error: ${err.message}\n`)
    if (json) this.stdout.write(`${JSON.stringify({ error: err })}\n`)
  }

  clearBar(): void {
    if (this.barShown) {
      this.stderr.write(`\r${' '.repeat(Math.max(20, (this.stderr.columns ?? 80) - 1))}\r`)
      this.barShown = false
    }
  }
}

/**
 * A reader that stops early (`rsnn show X | head -1`) closes the pipe: what is still written is dropped
 * quietly instead of crashing with an EPIPE stack trace; the command itself runs to its end.
 */
export function ignoreClosedPipe(stream: NodeJS.WritableStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return
    throw err
  })
}
