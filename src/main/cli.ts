// Headless entry (`npm run rsnn -- <command>`): the same services as the app, no Electron, no server.
import * as io from './io'
import { isolatedWork } from './services/isolated/isolated-work'
import { runCli } from './cli/run-cli'
import { ignoreClosedPipe } from './cli/output'

ignoreClosedPipe(process.stdout)
ignoreClosedPipe(process.stderr)

// HDF5 files are read in a worker thread: a damaged file that makes HDF5 abort leaves no noise on the terminal.
const isolated = isolatedWork({ onLog: (line) => process.stderr.write(`${line}\n`) })
runCli(process.argv.slice(2), { ...io, ...isolated.io }, undefined, isolated.work).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  }
)
