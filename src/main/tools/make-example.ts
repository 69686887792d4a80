// `node out/main/make-example.js [--out DIR] [--seed S] [--sessions K --units U --trials M] [--lick-units F]
// [--with-model [--model-steps N]]`: regenerates the bundled example NWB files (defaults), or a larger dataset of the
// same kind for measurements; --lick-units makes a fraction F of area-2 units fire with their trial's licks (off by
// default); --with-model also fits the example model shipped beside them (fitted-model.h5, minutes).
// Both are byte-reproducible: the same options give the same files.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { toAppErrorData } from '@shared/contract/errors'
import * as io from '../io'
import { writeExampleFiles } from '../io/example/write-example'
import { createContainer } from '../services/container'
import { exampleModelConfig, makeExampleModel, EXAMPLE_MODEL_STEPS } from '../services/example/example-model'

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

/** Fits the example in `dir` in a throw-away store and writes dir/fitted-model.h5; prints what it reached. */
async function withModel(dir: string, steps: number): Promise<string[]> {
  const store = mkdtempSync(join(tmpdir(), 'rsnn-make-example-'))
  const c = await createContainer({ dataDir: store, mode: 'cli', io, examplesDir: dir })
  try {
    const t0 = Date.now()
    const made = await makeExampleModel(c, dir, exampleModelConfig(steps), (l) => process.stderr.write(`${l}\n`))
    const m = made.provenance.metrics ?? {}
    const [t, ceiling] = [m['t_trial_pearson'], m['t_trial_pearson_ceiling']]
    const ratio = typeof t === 'number' && typeof ceiling === 'number' && ceiling > 0 ? t / ceiling : null
    process.stderr.write(
      `${JSON.stringify({
        name: 'example-model',
        steps,
        best_step: made.step,
        t_trial_pearson: t ?? null,
        t_trial_pearson_ceiling: ceiling ?? null,
        t_trial_ratio: ratio,
        t_trial_neural_pearson: m['t_trial_neural_pearson'] ?? null,
        t_trial_neural_pearson_ceiling: m['t_trial_neural_pearson_ceiling'] ?? null,
        psth_pearson: m['psth_pearson'] ?? null,
        psth_pearson_ceiling: m['psth_pearson_ceiling'] ?? null,
        seconds: Math.round((Date.now() - t0) / 1000)
      })}\n`
    )
    return [made.path, made.sidecarPath]
  } finally {
    await c.close()
    rmSync(store, { recursive: true, force: true })
  }
}

/** A fraction in [0, 1], or undefined when absent; one clear line when malformed. */
function fractionArg(name: string): number | undefined {
  const raw = arg(name)
  if (raw === undefined) return undefined
  const v = Number(raw)
  if (!(v >= 0 && v <= 1)) throw new Error(`--${name} must be a fraction between 0 and 1 (got ${raw})`)
  return v
}

async function main(): Promise<void> {
  const out = resolve(arg('out') ?? 'resources/example')
  const seed = intArg('seed', 0) ?? 1
  const sessions = intArg('sessions', 1)
  const unitsPerSession = intArg('units', 2)
  const trialsPerSession = intArg('trials', 4)
  const lickUnitFraction = fractionArg('lick-units')
  const files = await writeExampleFiles(out, {
    seed,
    ...(sessions !== undefined ? { sessions } : {}),
    ...(unitsPerSession !== undefined ? { unitsPerSession } : {}),
    ...(trialsPerSession !== undefined ? { trialsPerSession } : {}),
    ...(lickUnitFraction !== undefined ? { lickUnitFraction } : {})
  })
  if (process.argv.includes('--with-model'))
    files.push(...(await withModel(out, intArg('model-steps', 1) ?? EXAMPLE_MODEL_STEPS)))
  process.stdout.write(`${files.join('\n')}\n`)
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify(toAppErrorData(err))}\n`)
  process.exit(1)
})
