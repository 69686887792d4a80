// The built CLI on the recording of issue 12 (trials in tables with their own names, areas only via electrodes,
// numeric outcome codes, a TTL series with a bogus time): refused without a choice naming the tables, imported with
// --trials-table and --outcome-map, the TTL anomaly reaching the JSON and the terminal as a warning.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildLabNwb, LAB } from '../helpers/h5-builders/lab-nwb'
import { CLI, ensureBuilt, runNode } from './built'

let dir: string
let lab: string
beforeAll(async () => {
  ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'rsnn-lab-cli-'))
  lab = await buildLabNwb(join(dir, 'lab.nwb'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('imports the lab file end to end with --trials-table and --outcome-map Hit=2,Miss=1', async () => {
  const store = join(dir, 'store')
  const refused = await runNode(CLI, ['import', lab, '--store', store])
  expect(refused.code).not.toBe(0)
  expect(refused.stderr).toContain(
    `${LAB.encoding.path} (40 rows), ${LAB.recognition.path} (30 rows), ${LAB.fixation.path} (12 rows)`
  )

  const args = [
    'import',
    lab,
    '--store',
    store,
    '--trials-table',
    'recognition',
    '--outcome-map',
    'Hit=2,Miss=1',
    '--window',
    '-0.1,0.5',
    '--dt',
    '0.01'
  ]
  const r = await runNode(CLI, [...args, '--json'])
  expect(r.code, r.stderr).toBe(0)
  const out = JSON.parse(r.stdout) as {
    warnings: string[]
    sessions: { unitsPerArea: Record<string, number>; trialsPerOutcome: Record<string, number>; areaSource?: string }[]
  }
  const s = out.sessions[0]!
  expect(s.unitsPerArea).toEqual({ ALM: 3, Medulla: 3 })
  expect(s.trialsPerOutcome).toEqual({ Hit: 20, Miss: 10, CR: 0, FA: 0 })
  expect(s.areaSource).toBe('units/electrodes → electrodes table location')
  const ttl = `lab.nwb: ${LAB.ttlPath}/timestamps: timestamps are not increasing at sample 2 (20 s then -1500000000 s); series "events_ttl" skipped (behaviour is not used by the fit)`
  expect(out.warnings).toContain(ttl)

  // Without --json the same warning reaches the terminal, and the report says where the areas came from.
  const text = await runNode(CLI, [
    'import',
    lab,
    '--store',
    join(dir, 'store2'),
    '--trials-table',
    'encoding',
    '--outcome-map',
    'Hit=2,Miss=1'
  ])
  expect(text.code, text.stderr).toBe(0)
  expect(text.stderr).toContain(`warning: ${ttl}`)
  expect(text.stdout).toMatch(/areas from\s+units\/electrodes → electrodes table location/)
  expect(text.stdout).toMatch(/trials\s+Hit 27, Miss 13, CR 0, FA 0 {2}\(total 40\)/)
})
