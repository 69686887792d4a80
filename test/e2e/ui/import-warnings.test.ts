// Guess warnings reach the user in the Import view: a recording without an outcome column is previewed and
// imported with "every trial will count as Hit" shown beside the preview and after the import, not dropped.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildNwb } from '../../helpers/h5-builders/nwb'
import { screenshot } from '../harness'
import { pageErrors, useStudio } from './pages/session'

let dir: string
let file: string

const ui = useStudio({ viewport: { width: 1300, height: 900 } })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rsnn-e2e-warn-'))
  // 12 trials 2 s apart, two units firing throughout, an area column, and no outcome column at all.
  const spikes = (offset: number): number[] => Array.from({ length: 300 }, (_, i) => offset + i * 0.08)
  file = await buildNwb(join(dir, 'no-outcome.nwb'), {
    units: { ids: [1, 2], spikeTimes: [spikes(0.01), spikes(0.05)], columns: { location: ['ALM', 'ALM'] } },
    trials: { start: Array.from({ length: 12 }, (_, k) => 1 + 2 * k) }
  })
})
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
})

describe('Import view warnings', () => {
  it('shows the guess warning with the live preview and again with the import result', async () => {
    const { page } = ui
    await ui.studio.inspect(file)
    const preview = page.getByTestId('preview-warnings')
    await preview.waitFor({ timeout: 60_000 })
    expect(await preview.textContent()).toContain('no outcome column found: every trial will count as Hit')
    await page.getByTestId('import-button').click()
    const after = page.getByTestId('import-warnings')
    await after.waitFor({ timeout: 60_000 })
    expect(await after.textContent()).toContain(
      'no-outcome.nwb: no outcome column found: every trial will count as Hit'
    )
    await screenshot(page, 'import-warnings')
    expect(pageErrors(ui)).toEqual([])
  })
})
