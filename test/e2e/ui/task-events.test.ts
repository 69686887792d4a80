// A task recording with a go cue, a response and a reward per trial and categorical trials columns: the Import view
// guesses a window that covers the events and draws them (raster ticks, dashed median lines), warns when a smaller
// window leaves them out; the Data explorer groups the raster, the PSTHs and the behaviour plots (jaw, licks) by any
// kept column (screenshots test-results/ui-import-task-events.png, ui-explorer-group-by.png,
// ui-explorer-group-by-jaw.png, ui-explorer-group-by-behaviour.png).
// page.evaluate callbacks run in the browser, hence the DOM types:
/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTaskNwb } from '../../helpers/h5-builders/task-nwb'
import { useStudio } from './pages/session'

let dir: string
let file: string

const ui = useStudio({ viewport: { width: 1400, height: 1100 } })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rsnn-task-ui-'))
  file = await buildTaskNwb(join(dir, 'task.nwb'), { behaviour: true })
})
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
})

/** The labels of the dashed marker lines drawn in the first PSTH figure. */
const psthLabels = (): Promise<string[]> =>
  ui.studio
    .figure('psth-figure')
    .locator('svg text')
    .allTextContents()
    .then((t) => t.map((s) => s.trim()))

it('Import: the guessed window covers the task events, drawn as ticks and median lines; a short window is warned', async () => {
  const { page, studio } = ui
  await studio.inspect(file)
  const form = page.getByTestId('mapping-form')
  await form.waitFor({ timeout: 60_000 })
  // Stimulus-aligned; the reward (median 1.87 s after it) + 0.3 s, rounded up: the window ends at 2.2 s.
  expect(await form.locator('select[name=align]').inputValue()).toBe('stim_time')
  expect(await form.locator('input[name=stop]').inputValue()).toBe('2.2')
  const legend = page.getByTestId('raster-event-legend')
  await legend.waitFor({ timeout: 60_000 })
  expect((await legend.locator('span').allTextContents()).map((t) => t.trim())).toEqual([
    'go cue',
    'response',
    'reward'
  ])
  await expect
    .poll(psthLabels, { timeout: 30_000 })
    .toEqual(expect.arrayContaining(['stim', 'go cue', 'response', 'reward']))
  expect(await page.getByTestId('preview-warnings').count()).toBe(0)
  await studio.shot('ui-import-task-events')

  // A window that ends at 1.2 s leaves all three events out: the preview names them.
  await form.locator('input[name=stop]').fill('1.2')
  await form.locator('input[name=stop]').dispatchEvent('change')
  const warnings = page.getByTestId('preview-warnings')
  await expect
    .poll(() => warnings.textContent().catch(() => ''), { timeout: 60_000 })
    .toMatch(/reward_time falls outside the window -0\.2–1\.2 s in 18 of 18 trials/)
  expect(await warnings.textContent()).toMatch(/go_cue_time falls outside the window -0\.2–1\.2 s in 24 of 24 trials/)
  await form.locator('input[name=stop]').fill('2.2')
  await form.locator('input[name=stop]').dispatchEvent('change')
  await expect.poll(() => page.getByTestId('preview-warnings').count(), { timeout: 60_000 }).toBe(0)
  await page.getByTestId('import-button').click()
  await page.getByTestId('import-result').waitFor({ timeout: 60_000 })
})

it('Data explorer: groups the raster and the PSTHs by any categorical trials column kept at import', async () => {
  const { page, studio } = ui
  await page.getByRole('button', { name: 'Explore the data' }).click()
  const groupBy = page.getByTestId('group-by')
  await groupBy.waitFor({ timeout: 60_000 })
  // The outcome, then the kept columns: not the outcome's own column, not the continuous "difficulty".
  expect(await groupBy.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([
    'outcome',
    'block',
    'trial_type'
  ])
  await groupBy.selectOption('trial_type')
  await page.waitForFunction(() => location.hash.includes('group=trial_type'))
  const raster = studio.figure('raster-figure')
  await expect
    .poll(() => raster.locator('svg text').allTextContents(), { timeout: 30_000 })
    .toEqual(expect.arrayContaining(['left', 'right']))
  expect(await raster.textContent()).toContain('sorted by “trial_type”')
  const psth = studio.figure('psth-figure')
  await expect
    .poll(() => psth.locator('path.series').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-name'))))
    .toEqual(['left (12 trials)', 'right (12 trials)'])
  expect(await psthLabels()).toEqual(expect.arrayContaining(['go cue', 'response', 'reward']))
  await groupBy.selectOption('block')
  await expect
    .poll(() => psth.locator('path.series').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-name'))))
    .toEqual(['1 (8 trials)', '2 (8 trials)', '3 (8 trials)'])
  await groupBy.selectOption('trial_type')
  await studio.shot('ui-explorer-group-by')
})

/** The names of a figure's series drawn thick (means, rates), not the single trials. */
const named = (testid: string) => (): Promise<(string | null)[]> =>
  ui.studio
    .figure(testid)
    .locator('path.series')
    .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-name')).filter((n) => n && !n.startsWith('trial ')))

it('Data explorer: the jaw and lick plots follow the same Group by', async () => {
  const { page, studio } = ui
  const groupBy = page.getByTestId('group-by')
  expect(await groupBy.inputValue()).toBe('trial_type')
  const jaw = studio.figure('jaw-figure')
  await expect.poll(named('jaw-figure'), { timeout: 30_000 }).toEqual(['left mean (12)', 'right mean (12)'])
  expect(await jaw.textContent()).toContain('thick: mean per “trial_type”')
  await jaw.scrollIntoViewIfNeeded()
  await studio.shot('ui-explorer-group-by-jaw')
  await page.getByTestId('behaviour-picker').selectOption('licks')
  await expect.poll(named('event-figure'), { timeout: 30_000 }).toEqual(['left (12 trials)', 'right (12 trials)'])
  const licks = studio.figure('event-figure')
  expect(await licks.textContent()).toContain('rows are trials sorted by “trial_type”')
  // The medians of the events per value of the column: the go cue, response and reward are named once each.
  expect(await licks.locator('svg text').allTextContents()).toEqual(
    expect.arrayContaining(['go cue', 'response', 'reward'])
  )
  await studio.shot('ui-explorer-group-by-behaviour')
  // Back to the outcome: the same plots by outcome again.
  await groupBy.selectOption('outcome')
  await expect.poll(named('event-figure'), { timeout: 30_000 }).toEqual(['Hit (18 trials)', 'Miss (6 trials)'])
})
