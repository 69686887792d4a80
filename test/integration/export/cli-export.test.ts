// `rsnn export` / `rsnn import-model` in-process (runCli, real io and engine): success, and every refusal
// (name clash, missing or read-only folder, newer format, missing datasets) with nothing partially written.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Output } from '../../../src/main/cli/output'
import { runCli } from '../../../src/main/cli/run-cli'
import { h5 } from '../../../src/main/model-files/h5'
import * as io from '../../../src/main/io/index'
import { nwbValidatorMissing, validateNwb } from '../../helpers/nwb-validator'
import { fittedRun, storeWithExample } from './fitted-run'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-cli-export-'))
const store = join(dir, 'store')
let runId: string

beforeAll(async () => {
  const { c, datasetId } = await storeWithExample(dir)
  runId = await fittedRun(c, datasetId)
  await c.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const out = new Output({ write: (s: string) => (stdout += s) }, { write: (s: string) => (stderr += s) })
  const code = await runCli([...argv, '--store', store], io, out)
  return { code, stdout, stderr }
}

describe('rsnn export', () => {
  it('writes the model, its sidecar and the generated trials, and reports them as JSON', async () => {
    const outDir = join(dir, 'ok')
    mkdirSync(outDir)
    const r = await cli(
      'export',
      runId,
      '--model',
      join(outDir, 'm.h5'),
      '--trials',
      join(outDir, 't.nwb'),
      '--n-trials',
      '3',
      '--json'
    )
    expect(r.code, r.stderr + r.stdout).toBe(0)
    const res = JSON.parse(r.stdout) as { name: string; model: { path: string }; trials: { nTrials: number } }
    expect(res.name).toBe('export-result')
    expect(res.trials.nTrials).toBeGreaterThanOrEqual(3)
    expect(readdirSync(outDir).sort()).toEqual(['m.h5', 'm.h5.json', 't.nwb'])
    const again = await cli('export', runId, '--model', join(outDir, 'm.h5'))
    expect(again.code).toBe(1)
    expect(again.stderr + again.stdout).toContain('already exists')
  })

  it("carries the recordings' subject into --trials, lets options override it, and writes a file the NWB validator accepts", async () => {
    const outDir = join(dir, 'meta')
    mkdirSync(outDir)
    const r = await cli(
      'export',
      runId,
      '--trials',
      join(outDir, 't.nwb'),
      '--n-trials',
      '2',
      '--species',
      'Rattus norvegicus',
      '--experimenter',
      'A. B, C. D',
      '--json'
    )
    expect(r.code, r.stderr + r.stdout).toBe(0)
    const res = JSON.parse(r.stdout) as { trials: { metadata: Record<string, unknown>; warnings: string[] } }
    // The two example sessions have different subjects: their ids conflict, the rest is shared.
    expect(res.trials.metadata).toMatchObject({
      experimenter: ['A. B', 'C. D'],
      institution: 'RSNN Studio',
      subject: { species: 'Rattus norvegicus', sex: 'U', age: 'P90D' }
    })
    expect(res.trials.warnings.join('\n')).toMatch(
      /differ in subject\.subjectId.*missing subject id: give --subject-id/s
    )
    const bad = await cli('export', runId, '--trials', join(outDir, 'u.nwb'), '--sex', 'male')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--sex')
    if (nwbValidatorMissing === null) {
      const { ok, report } = validateNwb(join(outDir, 't.nwb'))
      expect(ok, report).toBe(true)
    }
  })

  it('refuses before writing anything when one of the targets is in a missing or read-only folder', async () => {
    const outDir = join(dir, 'partial')
    mkdirSync(outDir)
    const r = await cli('export', runId, '--model', join(outDir, 'm.h5'), '--trials', join(dir, 'nope', 't.nwb'))
    expect(r.code).toBe(1)
    expect(r.stderr + r.stdout).toContain('does not exist')
    expect(readdirSync(outDir)).toEqual([])
    const ro = join(dir, 'ro')
    mkdirSync(ro)
    chmodSync(ro, 0o555)
    try {
      const r2 = await cli('export', runId, '--trials', join(ro, 't.nwb'))
      expect(r2.stderr + r2.stdout).toContain('read-only')
      expect(readdirSync(ro)).toEqual([])
    } finally {
      chmodSync(ro, 0o755)
    }
  })

  it('needs a run and something to export', async () => {
    expect((await cli('export', runId)).code).toBe(2)
    const unknown = await cli('export', 'run-nope', '--model', join(dir, 'x.h5'))
    expect(unknown.code).toBe(1)
    expect(readdirSync(dir)).not.toContain('x.h5')
  })
})

describe('rsnn import-model', () => {
  it('loads an exported model back as a new run', async () => {
    const m = join(dir, 'back.h5')
    expect((await cli('export', runId, '--model', m)).code).toBe(0)
    const r = await cli('import-model', m, '--json')
    expect(r.code, r.stderr).toBe(0)
    const res = JSON.parse(r.stdout) as { runId: string; step: number }
    expect(res.step).toBe(2)
    const runs = JSON.parse((await cli('runs', '--json')).stdout) as { id: string; status: string }[]
    expect(runs.find((x) => x.id === res.runId)?.status).toBe('completed')
  })

  it('refuses a newer format version and a missing dataset with the file and path in the message', async () => {
    const m = join(dir, 'newer.h5')
    expect((await cli('export', runId, '--model', m)).code).toBe(0)
    const mod = await h5()
    const f = new mod.File(m, 'a')
    f.delete_attribute('format_version')
    f.create_attribute('format_version', '3.1.0')
    f.close()
    const r = await cli('import-model', m)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(m)
    expect(r.stderr).toContain('/@format_version')
    expect(r.stderr).toContain('newer')
    const g = new mod.File(m, 'a')
    g.delete_attribute('format_version')
    g.create_attribute('format_version', '1.0.0')
    const params = g.get('parameters') as unknown as {
      delete_attribute(n: string): void
      create_attribute(n: string, v: string[]): void
    }
    params.delete_attribute('names')
    params.create_attribute('names', ['w_rec_d0', 'w_gone'])
    g.close()
    const r2 = await cli('import-model', m)
    expect(r2.code).toBe(1)
    expect(r2.stderr).toContain('/parameters/w_gone')
  })
})
