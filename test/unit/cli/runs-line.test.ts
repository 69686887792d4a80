// `rsnn runs` says why a run that ended normally stopped before its step target, in the Library's words.
import { describe, expect, it } from 'vitest'
import type { RunSummary } from '@shared/domain/fit'
import { runLine } from '../../../src/main/cli/runs'

const run = (stopReason: RunSummary['stopReason'], step: number): RunSummary =>
  ({
    id: 'run-1',
    name: 'demo',
    status: 'completed',
    step,
    targetSteps: 100,
    elapsedS: 60,
    stopReason,
    metrics: null
  }) as unknown as RunSummary

describe('rsnn runs', () => {
  it('says a time-budget or early stop in words, nothing for a run that reached its step target', () => {
    expect(runLine(run('time-limit', 22))).toMatch(/ {2}demo {2}\(time budget spent\)$/)
    expect(runLine(run('early-stopped', 40))).toMatch(/\(stopped early\)$/)
    expect(runLine(run('completed', 100))).toMatch(/ {2}demo$/)
  })
})
