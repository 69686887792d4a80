// Command-line parsing shared by the CLI and serve.ts: node:util parseArgs, with `--opt -0.2,1.2` allowed.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { AppError } from '@shared/contract/errors'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>
export interface ParsedArgs {
  positionals: string[]
  values: Record<string, string | boolean | string[] | undefined>
}

/**
 * Parses `argv` against `options`. A string option followed by a value that starts with '-' (a negative
 * number such as `--window -0.2,1.2`) takes it as its value. Unknown options → AppError naming the option.
 */
export function parseCommandLine(argv: string[], options: OptionSpec, allowPositionals = true): ParsedArgs {
  const joined: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : null
    const next = argv[i + 1]
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d|^-\.\d/.test(next)) {
      joined.push(`${a}=${next}`)
      i++
    } else joined.push(a)
  }
  try {
    const r = parseArgs({ args: joined, options, allowPositionals, strict: true })
    return { positionals: r.positionals, values: r.values as ParsedArgs['values'] }
  } catch (err) {
    const message = (err as Error).message.split('\n')[0] ?? 'bad arguments'
    const opt = /'(--?[\w-]+)/.exec(message)?.[1]
    throw new AppError('INVALID_INPUT', message, opt ? { field: opt } : {})
  }
}

/** A finite number from an option value, or AppError naming the option. */
export function numberOption(value: string, option: string): number {
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n))
    throw new AppError('INVALID_INPUT', `"${value}" is not a number`, { field: option })
  return n
}
