// The pair browser names a recorded trial by its session and its row in the recording's trials table, on a recording
// where the import drops rows (an outcome mapped to exclude) and the fit leaves perturbed trials out: the row it names
// is, in the file, a kept unperturbed trial with the pair's recorded outcome (screenshot
// test-results/ui-recorded-trial-ids.png).
/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { dropped, perturbed, writeExcludedRowsRecording } from '../../helpers/excluded-rows-recording'
import { pageErrors, useStudio } from './pages/session'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-e2e-trial-ids-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let fileOutcome: Map<string, string[]>

const ui = useStudio({
  viewport: { width: 1300, height: 900 },
  prepare: async ({ call }) => {
    const rec = await writeExcludedRowsRecording(dir, {
      seed: 3,
      sessions: 2,
      unitsPerSession: 24,
      trialsPerSession: 40
    })
    fileOutcome = rec.fileOutcome
    const { files, mapping } = rec
    const { dataset } = await call<{ dataset: { id: string } }>('datasets.import', { files, name: 'ids', mapping })
    const config = { model: { neuronsPerArea: 12 }, optim: { batchSize: 6, evalEvery: 2, checkpointEvery: 2 } }
    const run = await call<{ id: string }>('runs.start', { datasetId: dataset.id, name: 'ids fit', config, steps: 2 })
    const t0 = Date.now()
    while (
      (await call<{ run: { status: string } }>('runs.get', { id: run.id, maxPoints: 2 })).run.status !== 'completed'
    ) {
      if (Date.now() - t0 > 180_000) throw new Error('the fit did not complete in time')
      await new Promise((r) => setTimeout(r, 1000))
    }
  },
  timeoutMs: 300_000
})

it('names the recorded trial of each pair by its trials-table row', async () => {
  const { page, studio } = ui
  await studio.go('variability')
  const browser = page.getByTestId('pair-browser')
  await browser.waitFor({ timeout: 180_000 })
  const seen = new Set<string>()
  for (let i = 0; i < 6; i++) {
    const session = ((await page.getByTestId('pair-session').textContent()) ?? '').trim()
    const row = Number(/^trial (\d+)$/.exec(((await page.getByTestId('pair-trial').textContent()) ?? '').trim())?.[1])
    const outcome = /\((\w+)\) ↔/.exec((await browser.textContent()) ?? '')?.[1]
    expect(fileOutcome.has(session), session).toBe(true)
    expect(Number.isInteger(row)).toBe(true)
    expect(dropped(row) || perturbed(row), `${session} trial ${row}`).toBe(false)
    expect(fileOutcome.get(session)![row]).toBe(outcome)
    seen.add(`${session}:${row}`)
    if (i === 1) await studio.shot('ui-recorded-trial-ids')
    await page.getByLabel('Next pair').click()
  }
  expect(seen.size).toBeGreaterThan(1)
  expect(pageErrors(ui)).toEqual([])
})

it('the Data explorer names the same trial by the same number', async () => {
  const { page, studio } = ui
  await studio.go('variability')
  const session = ((await page.getByTestId('pair-session').textContent()) ?? '').trim()
  const row = Number(/^trial (\d+)$/.exec(((await page.getByTestId('pair-trial').textContent()) ?? '').trim())?.[1])
  await studio.go('explorer')
  await page.getByTestId('session-picker').selectOption({ label: session })
  // Every stored trial of the session is drawn (fewer than the figure's 60): the pair's row among them, no dropped row.
  const jaw = studio.figure('jaw-figure')
  const line = (k: number) => jaw.locator(`path.series[data-name="trial ${k}"]`)
  await line(row).waitFor({ state: 'attached', timeout: 60_000 })
  expect(await line(1).count()).toBe(0) // row 1: dropped at import
  const names = await jaw.locator('path.series').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-name') ?? ''))
  const rows = names.filter((n) => n.startsWith('trial ')).map((n) => Number(n.slice(6)))
  expect(rows).toEqual(fileOutcome.get(session)!.flatMap((_, k) => (dropped(k) ? [] : [k])))
})
