// Runs one CLI invocation: parse, open the store, run the command, map errors to one line + exit code.
import { toAppErrorData, AppError } from '@shared/contract/errors'
import { metricsHelpText } from '@shared/domain/metric-definitions'
import { settingsHelpText } from '@shared/domain/config-fields'
import { createDispatch } from '../rpc/dispatch'
import { localClient } from '../rpc/local-api'
import { resolveDataDir } from '../paths'
import { createContainer } from '../services/container'
import type { IoPort } from '../services/io-port'
import type { WorkPort } from '../services/work-port'
import { parseCommandLine, type OptionSpec } from './args'
import type { CliCommand } from './command'
import { commands } from './commands'
import { Output, type Stream } from './output'

const common: OptionSpec = {
  store: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
}

function usage(table: Record<string, CliCommand>): string {
  const lines = ['usage: npm run rsnn -- <command> [options] [--store DIR] [--json]', '', 'commands:']
  for (const [name, c] of Object.entries(table))
    lines.push(`  ${name.padEnd(10)} ${c.summary}`, `  ${' '.repeat(10)} ${name} ${c.usage}`)
  lines.push('', 'The store defaults to $RSNN_STUDIO_DATA, else the app data folder (~/.config/rsnn-studio on Linux).')
  lines.push('More: `help metrics` (what every number means), `help settings` (every fit setting, its unit and range).')
  return lines.join('\n')
}

/** A command's failure: one error line (and the error object with --json); exit 2 for bad usage, else 1. */
export function reportFailure(err: unknown, out: Output, json: boolean): number {
  out.error(toAppErrorData(err), json)
  return err instanceof AppError && err.code === 'INVALID_INPUT' && !err.file ? 2 : 1
}

/** Exit codes: 0 ok, 1 the command failed, 2 bad usage. */
export async function runCli(
  argv: string[],
  io: IoPort,
  out = new Output(process.stdout as Stream, process.stderr as Stream),
  /** Checkpoint reads and evaluations (the CLI entry: a worker thread per call); default: this thread. */
  work?: WorkPort
): Promise<number> {
  const [name, ...rest] = argv
  const json = rest.includes('--json')
  // Topics: plain-text explanations shared with the app (metric definitions, settings with units and bounds).
  const topic = name === 'help' ? rest[0] : undefined
  if (topic === 'metrics' || topic === 'settings') {
    out.line((topic === 'metrics' ? metricsHelpText() : settingsHelpText()).trimEnd())
    return 0
  }
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    out.line(usage(commands))
    return name ? 0 : 2
  }
  const cmd = Object.hasOwn(commands, name) ? commands[name] : undefined
  if (!cmd) {
    out.error(
      { code: 'INVALID_INPUT', message: `unknown command "${name}" (try: ${Object.keys(commands).join(', ')})` },
      json
    )
    return 2
  }
  let args
  try {
    args = parseCommandLine(rest, { ...common, ...cmd.options })
  } catch (err) {
    out.error(toAppErrorData(err), json)
    return 2
  }
  if (args.values['help']) {
    out.line(`usage: npm run rsnn -- ${name} ${cmd.usage}\n${cmd.summary}`)
    return 0
  }
  const flag = (args.values['store'] ?? args.values['data-dir']) as string | undefined
  let container
  try {
    container = await createContainer({ dataDir: resolveDataDir(flag), mode: 'cli', io, work })
  } catch (err) {
    out.error(toAppErrorData(err), json)
    return 1
  }
  const client = localClient(createDispatch(container.handlers), container.events)
  try {
    const code = await cmd.run(
      { api: client.api, on: client.on, container, json: Boolean(args.values['json']), out },
      args
    )
    return code ?? 0
  } catch (err) {
    return reportFailure(err, out, json)
  } finally {
    client.dispose()
    await container.close()
  }
}
