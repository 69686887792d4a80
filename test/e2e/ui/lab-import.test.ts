// The Import view on the recording of issue 12: the "Trials from" picker lists the file's interval tables by name
// and row count, choosing one gives its columns and outcome codes to map, and the warnings (the TTL series with a
// bogus time) reach the preview and the import result (screenshot test-results/ui-import-lab.png).
// page.evaluate callbacks run in the browser, hence the DOM types:
/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildLabNwb, LAB } from '../../helpers/h5-builders/lab-nwb'
import { useStudio } from './pages/session'

let dir: string
let lab: string

const ui = useStudio({ viewport: { width: 1400, height: 1000 } })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rsnn-lab-ui-'))
  lab = await buildLabNwb(join(dir, 'lab.nwb'))
})
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
})

it('picks a custom-named trials table, maps the numeric outcome codes and shows the warnings', async () => {
  const { page, studio } = ui
  await studio.inspect(lab)
  const picker = page.getByTestId('trials-source')
  await picker.waitFor({ timeout: 60_000 })
  const options = await picker.locator('option').allTextContents()
  expect(options).toEqual([
    '(automatic)',
    `${LAB.encoding.path} · 40 rows · outcome, cue_time`,
    `${LAB.recognition.path} · 30 rows · outcome, probe_time`,
    `${LAB.fixation.path} · 12 rows · start/stop only`,
    `${LAB.ttlPath} · 5 events (TimeSeries)`
  ])
  // Without a choice the file has no trials: the detected structure says which tables to choose from.
  expect(await page.getByTestId('detected').textContent()).toContain(`${LAB.encoding.path} (40 rows)`)

  await picker.selectOption(`table:${LAB.encoding.path}`)
  const outcome = page.locator('form[data-testid=mapping-form] select[name=outcomeColumn] option', {
    hasText: 'outcome'
  })
  await outcome.first().waitFor({ state: 'attached', timeout: 60_000 })
  expect(await picker.inputValue()).toBe(`table:${LAB.encoding.path}`)
  // The uint8 codes of the chosen table, to map by hand; the warning about them names the view's controls.
  const detected = (await page.getByTestId('detected').textContent()) ?? ''
  expect(detected).toContain('choose "outcome" as the Outcome column and map its values under "Outcome of each value"')
  expect(detected).not.toContain('--')
  // The numeric column's values are listed as its codes (text columns as "Values of"); times are never listed.
  const lists = await page.getByTestId('detected').locator('dt').allTextContents()
  expect(lists.filter((l) => /^(Codes in|Values of) /.test(l))).toEqual(['Codes in outcome'])
  const codes = page.locator('fieldset.outcomes label[data-value]')
  expect(await codes.evaluateAll((ls) => ls.map((l) => l.getAttribute('data-value')))).toEqual(['1', '2'])
  await codes.and(page.locator('[data-value="2"]')).locator('select').selectOption('Hit')
  await codes.and(page.locator('[data-value="1"]')).locator('select').selectOption('Miss')

  const preview = page.getByTestId('data-preview')
  await expect
    .poll(
      () =>
        preview
          .locator('td[data-outcome=Miss]')
          .first()
          .textContent()
          .catch(() => ''),
      { timeout: 60_000 }
    )
    .toBe('13')
  expect(await preview.locator('td[data-outcome=Hit]').first().textContent()).toBe('27')
  expect(await page.getByTestId('area-source').first().textContent()).toBe(
    'units/electrodes → electrodes table location'
  )
  expect(await page.getByTestId('preview-warnings').textContent()).toContain(
    'timestamps are not increasing at sample 2'
  )

  await page.getByTestId('import-button').click()
  await page.getByTestId('import-result').waitFor({ timeout: 120_000 })
  const warnings = page.getByTestId('import-warnings')
  expect(await warnings.textContent()).toContain(
    `lab.nwb: ${LAB.ttlPath}/timestamps: timestamps are not increasing at sample 2`
  )
  await studio.shot('ui-import-lab')
})

it("says when the chosen trials table has no outcome column, instead of listing another column's values", async () => {
  const { page, studio } = ui
  await studio.inspect(lab)
  const picker = page.getByTestId('trials-source')
  await picker.waitFor({ timeout: 60_000 })
  await picker.selectOption(`table:${LAB.fixation.path}`)
  const note = page.getByTestId('no-outcome-column')
  await note.waitFor({ timeout: 60_000 })
  expect(await note.textContent()).toContain('No outcome column in the trials table: all trials are imported as one')
  expect(await page.locator('fieldset.outcomes').count()).toBe(0)
  await studio.shot('ui-import-no-outcome')
})
