// `node out/main/make-example.js --out DIR --seed S [--sessions K --units U --trials M]`: regenerates the
// bundled example NWB files (defaults), or a larger dataset of the same kind for measurements.
import { resolve } from 'node:path'
import { toAppErrorData } from '@shared/contract/errors'
import { writeExampleFiles } from './write-example'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

/** A positive integer option, or undefined when absent; one clear line when malformed. */
function intArg(name: string, min: number): number | undefined {
  const raw = arg(name)
  if (raw === undefined) return undefined
  const v = Number(raw)
  if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be an integer ≥ ${min} (got ${raw})`)
  return v
}

async function main(): Promise<void> {
  const out = resolve(arg('out') ?? 'resources/example')
  const seed = intArg('seed', 0) ?? 1
  const sessions = intArg('sessions', 1)
  const unitsPerSession = intArg('units', 2)
  const trialsPerSession = intArg('trials', 4)
  const files = await writeExampleFiles(out, {
    seed,
    ...(sessions !== undefined ? { sessions } : {}),
    ...(unitsPerSession !== undefined ? { unitsPerSession } : {}),
    ...(trialsPerSession !== undefined ? { trialsPerSession } : {})
  })
  process.stdout.write(`${files.join('\n')}\n`)
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify(toAppErrorData(err))}\n`)
  process.exit(1)
})
