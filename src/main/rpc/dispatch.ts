// The one RPC path behind every transport: known method? → validate input → handler → AppError envelope.
import { z } from 'zod'
import { AppError, toAppErrorData, type AppErrorData } from '@shared/contract/errors'
import type { MethodTable } from '@shared/contract/define'
import { methods as allMethods, type Handlers } from '@shared/contract/methods'
import type { RpcReply } from '@shared/contract/transport'
import { describeSettingsIssue } from '@shared/domain/config-field-docs'

export type Dispatch = (method: string, input: unknown) => Promise<RpcReply>

export interface DispatchOptions {
  /** Method table (default: the app's). */
  table?: MethodTable
  /** Check handler results against the output schema (on in development and tests). */
  validateOutput?: boolean
}

/** Maps a zod error to INVALID_INPUT naming the first offending field (`files.0`, `mapping.binning.dt`). */
export function zodToAppError(err: z.ZodError, what = 'input'): AppError {
  const issue = err.issues[0]
  const field = issue && issue.path.length ? issue.path.map(String).join('.') : what
  // A fit setting is named by its label in words (and its unit and bounds), not only by its path.
  const settings = issue ? describeSettingsIssue(issue) : undefined
  if (settings) return AppError.from({ code: 'INVALID_INPUT', message: settings, field }) // the label leads, path at the end
  return new AppError('INVALID_INPUT', issue?.message ?? 'invalid value', { field })
}

/** Error data for the wire: AppError and zod errors keep their detail, anything else only its message. */
export function toWireError(err: unknown): AppErrorData {
  if (err instanceof z.ZodError) return zodToAppError(err).toJSON()
  // Unexpected failures keep their stack in the server log, never on the wire.
  if (!(err instanceof AppError)) console.error('[rpc] unexpected failure:', err)
  return toAppErrorData(err)
}

/**
 * Builds the dispatcher over a (possibly partial) handler table. It never throws: every failure becomes
 * `{ok: false, error}` with no stack trace.
 */
export function createDispatch(handlers: Partial<Handlers>, opts: DispatchOptions = {}): Dispatch {
  const table: MethodTable = opts.table ?? allMethods
  const validateOutput = opts.validateOutput ?? process.env['NODE_ENV'] !== 'production'
  const handlerMap = handlers as Record<string, ((input: unknown) => unknown) | undefined>
  return async (method, input) => {
    try {
      const def = Object.hasOwn(table, method) ? table[method] : undefined
      const handler = Object.hasOwn(handlerMap, method) ? handlerMap[method] : undefined
      if (!def) throw new AppError('NOT_FOUND', `unknown method "${method}"`, { field: 'method' })
      if (!handler) throw new AppError('NOT_FOUND', `method "${method}" is not available in this build`)
      const parsed = def.input.safeParse(input ?? {})
      if (!parsed.success) throw zodToAppError(parsed.error)
      const value = await handler(parsed.data)
      if (validateOutput) {
        const out = def.output.safeParse(value)
        if (!out.success) {
          const bad = zodToAppError(out.error)
          throw new AppError('INTERNAL', `${method} returned an invalid result: ${bad.message}`)
        }
      }
      return { ok: true, value }
    } catch (err) {
      return { ok: false, error: toWireError(err) }
    }
  }
}
