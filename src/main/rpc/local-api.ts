// In-process typed Api over dispatch (CLI, tests): the same validation and error mapping as the transports.
import { AppError, appErrorSchema } from '@shared/contract/errors'
import { methods, type Api, type MethodName } from '@shared/contract/methods'
import type { Dispatch } from './dispatch'

/** `api['datasets.list']({})` straight through dispatch; rejects with AppError. */
export function localApi(dispatch: Dispatch): Api {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {}
  for (const name of Object.keys(methods) as MethodName[]) {
    api[name] = async (input: unknown) => {
      const reply = await dispatch(name, input ?? {})
      if (reply.ok) return reply.value
      const parsed = appErrorSchema.safeParse(reply.error)
      throw parsed.success ? AppError.from(parsed.data) : new AppError('INTERNAL', reply.error.message)
    }
  }
  return api as unknown as Api
}
