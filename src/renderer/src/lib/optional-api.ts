// Methods the UI asked for (src/shared/contract/NEEDS-ui.md) may not exist yet: look them up by name at run time.
import { api } from './transport'

type AnyMethod = (input: unknown) => Promise<unknown>

/** The API function `name` when the contract has it, else null (the view then falls back and says so). */
export function optionalMethod(name: string): AnyMethod | null {
  const fn = (api as unknown as Record<string, unknown>)[name]
  return typeof fn === 'function' ? (fn as AnyMethod) : null
}
