// Headless entry (`npm run rsnn -- <command>`): the same services as the app, no Electron, no server.
import * as io from './io'
import { runCli } from './cli/run-cli'
import { ignoreClosedPipe } from './cli/output'

ignoreClosedPipe(process.stdout)
ignoreClosedPipe(process.stderr)

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  }
)
