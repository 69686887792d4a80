// Headless entry (`npm run rsnn -- <command>`): the same services as the app, no Electron, no server.
import * as io from './io'
import { isolatedIo } from './io/worker/isolated-io'
import { runCli } from './cli/run-cli'
import { ignoreClosedPipe } from './cli/output'

ignoreClosedPipe(process.stdout)
ignoreClosedPipe(process.stderr)

// Recordings are read in a worker thread: a damaged file that makes HDF5 abort leaves no noise on the terminal.
const reads = isolatedIo({ onLog: (line) => process.stderr.write(`${line}\n`) })
runCli(process.argv.slice(2), { ...io, ...reads }).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  }
)
