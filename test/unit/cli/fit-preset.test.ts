// `rsnn fit --preset`: the preset's batch (at most 80 generated trials) for a dataset with more training trials,
// and a --config file's own batch kept over it, as every setting the file sets is.
import { describe, expect, it } from 'vitest'
import { applyFitPreset } from '../../../src/main/cli/fit-preset'
import type { CliContext } from '../../../src/main/cli/command'

// two sessions of 200 trials (160 for training), 500 ms at 2 ms
const sessions = [0, 1].map(() => ({ nUnits: 50, nTrials: 200, window: { start: 0, stop: 0.5, dt: 0.002 } }))

async function withPreset(
  config: Record<string, unknown>
): Promise<{ config: Record<string, unknown>; lines: string[] }> {
  const lines: string[] = []
  const ctx = {
    api: { 'datasets.show': async () => ({ sessions }) },
    json: false,
    out: { line: (l: string) => lines.push(l) }
  } as unknown as CliContext
  await applyFitPreset(ctx, 'd', config, { preset: 'standard' })
  return { config, lines }
}

const optimOf = (c: Record<string, unknown>): Record<string, unknown> => c['optim'] as Record<string, unknown>

describe('rsnn fit --preset', () => {
  it('chooses 80 generated trials per step for 160 training trials, and says why', async () => {
    const { config, lines } = await withPreset({})
    expect(optimOf(config)).toMatchObject({ batchSize: 80, batchStart: 16, batchRampSteps: 80 })
    expect(lines).toContain(
      '  batch 80 generated trials per step (the largest session has 160 training trials; more per step cost in ' +
        'proportion and did not reach quality sooner)'
    )
  })

  it('keeps the batch a --config file sets, and says so', async () => {
    const { config, lines } = await withPreset({ optim: { batchSize: 160 } })
    expect(optimOf(config)['batchSize']).toBe(160)
    expect(lines.some((l) => l.startsWith('  batch 80 ') && l.endsWith("(your config's optim.batchSize kept)"))).toBe(
      true
    )
  })
})
