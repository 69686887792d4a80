// The CLI command contract: each command lives in its own file and is registered with one line in commands.ts.
import type { Client } from '@shared/contract/client'
import type { Api } from '@shared/contract/methods'
import type { Container } from '../services/container'
import type { OptionSpec, ParsedArgs } from './args'
import type { Output } from './output'

export interface CliContext {
  /** The contract API in-process (same validation as the UI): `await ctx.api['datasets.list']({})`. */
  api: Api
  /** Subscribes to a contract event (progress of imports and fits); returns the unsubscribe function. */
  on: Client['on']
  /** Services and store, for the few commands that drive a service directly (sweeps), and its paths. */
  container: Container
  /** True with --json: print one JSON document on stdout, nothing else there. */
  json: boolean
  out: Output
}

export interface CliCommand {
  /** One line for `rsnn help`. */
  summary: string
  /** Argument synopsis after the command name, e.g. 'FILES... [--name N]'. */
  usage: string
  /** Options beyond the common --store/--data-dir, --json, --help. */
  options: OptionSpec
  /** Runs the command; resolves to the exit code (default 0). Throw AppError for user errors. */
  run(ctx: CliContext, args: ParsedArgs): Promise<number | void>
}
