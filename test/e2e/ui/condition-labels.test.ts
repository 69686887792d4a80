// A two-alternative task keeps its own condition labels through the Import view: a left/right file mapped onto
// Hit/Miss with "keep the file's names" previews, imports and shows its sessions as left/right, not Hit/Miss, and the
// Library's dataset table and the Data explorer name them the same way.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { buildNwb } from '../../helpers/h5-builders/nwb'
import { screenshot } from '../harness'
import { pageErrors, useStudio } from './pages/session'

let dir: string
let file: string

const ui = useStudio({ viewport: { width: 1300, height: 1000 } })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rsnn-e2e-labels-'))
  // 12 trials 2 s apart, alternately left and right; two units firing throughout
  const spikes = (offset: number): number[] => Array.from({ length: 300 }, (_, i) => offset + i * 0.08)
  file = await buildNwb(join(dir, 'left-right.nwb'), {
    units: { ids: [1, 2], spikeTimes: [spikes(0.01), spikes(0.05)], columns: { location: ['ALM', 'ALM'] } },
    trials: {
      start: Array.from({ length: 12 }, (_, k) => 1 + 2 * k),
      columns: { outcome: Array.from({ length: 12 }, (_, k) => (k % 2 ? 'right' : 'left')) }
    }
  })
})
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
})

const headers = (p: Page, within: string): Promise<string[]> =>
  p.getByTestId(within).getByTestId('condition-header').allTextContents()

describe('condition labels in the Import view', () => {
  it('keeps a left/right task’s own names from the mapping to the stored dataset and the explorer', async () => {
    const { page, studio } = ui
    await studio.inspect(file)
    const keep = page.getByTestId('keep-source-labels').locator('input')
    await keep.waitFor({ timeout: 60_000 })
    // neither name reads as a detection-task outcome: both are excluded until mapped, so nothing to keep yet
    expect(await keep.isDisabled()).toBe(true)
    await page.locator('label[data-value="left"] select').selectOption('Hit')
    await page.locator('label[data-value="right"] select').selectOption('Miss')
    expect(await page.getByTestId('keep-source-labels').textContent()).toContain('(left and right)')
    await keep.check()
    await expect.poll(() => headers(page, 'data-preview'), { timeout: 60_000 }).toEqual(['left', 'right'])
    await screenshot(page, 'import-condition-labels')
    await page.getByTestId('import-button').click()
    await expect
      .poll(async () => (await page.getByTestId('data-preview').locator('h3').textContent()) ?? '', {
        timeout: 60_000
      })
      .toMatch(/^Imported:/)
    expect(await headers(page, 'data-preview')).toEqual(['left', 'right'])
    // The Library's dataset table lists the dataset's own labels, and what each stands for on hover.
    await studio.go('library')
    const cell = page.getByTestId('dataset-conditions').first()
    await expect.poll(() => cell.textContent(), { timeout: 30_000 }).toBe('left, right')
    expect(await cell.getAttribute('title')).toBe(
      'The dataset’s own condition names: left (code Hit), right (code Miss)'
    )
    await screenshot(page, 'library-condition-labels')
    await studio.go('explorer')
    await expect.poll(() => headers(page, 'session-table'), { timeout: 60_000 }).toEqual(['left', 'right'])
    expect(pageErrors(ui)).toEqual([])
  })
})
