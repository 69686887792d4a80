// The model views of a run fitted on a task recording (go cue, response, reward): the Behaviour view's jaw panels
// draw their own condition's event medians (no response or reward line on misses, whose recorded trials have none),
// matched single trials and Trial variability draw the pair's recorded trial's own event times and the generated
// trial's condition's medians, and the perturbation plots (trials of every condition pooled) one median per event
// (screenshots test-results/ui-model-task-events-behaviour.png, ui-model-task-events-variability.png,
// ui-model-task-events-perturbation.png).
/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { buildTaskNwb, TASK } from '../../helpers/h5-builders/task-nwb'
import { pageErrors, useStudio } from './pages/session'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-model-task-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ui = useStudio({
  viewport: { width: 1300, height: 1000 },
  prepare: async ({ call }) => {
    const file = await buildTaskNwb(join(dir, 'task.nwb'), { behaviour: true })
    const { dataset } = await call<{ dataset: { id: string } }>('datasets.import', { files: [file], name: 'task' })
    const config = { model: { neuronsPerArea: 20 }, optim: { batchSize: 6, evalEvery: 5, checkpointEvery: 5 } }
    const run = await call<{ id: string }>('runs.start', { datasetId: dataset.id, name: 'task fit', config, steps: 5 })
    const t0 = Date.now()
    while (
      (await call<{ run: { status: string } }>('runs.get', { id: run.id, maxPoints: 2 })).run.status !== 'completed'
    ) {
      if (Date.now() - t0 > 240_000) throw new Error('the task fit did not complete in time')
      await new Promise((r) => setTimeout(r, 1000))
    }
  },
  timeoutMs: 400_000
})

/** The text labels of a chart (reference line names among them). */
const labelsOf = (testid: string, outcome: string): Promise<string[]> =>
  ui.page
    .locator(`[data-testid=${testid}][data-outcome=${outcome}] svg text`)
    .allTextContents()
    .then((t) => t.map((s) => s.trim()))

it('Behaviour: each jaw panel draws its own condition’s task events', async () => {
  const { page, studio } = ui
  await studio.go('behaviour')
  await page.locator('[data-testid=jaw-panel][data-outcome=Miss]').waitFor({ timeout: 180_000 })
  await expect
    .poll(() => labelsOf('jaw-panel', 'Hit'), { timeout: 30_000 })
    .toEqual(expect.arrayContaining(['stim', 'go cue', 'response', 'reward']))
  const miss = await labelsOf('jaw-panel', 'Miss')
  expect(miss).toEqual(expect.arrayContaining(['stim', 'go cue']))
  expect(miss).not.toContain('response')
  expect(miss).not.toContain('reward')
  // The matched single trials: the pair's recorded condition's events, on an axis named after the alignment.
  const matched = studio.figure('jaw-matched')
  expect(await matched.textContent()).toContain('Time from stim (ms)')
  expect((await matched.locator('svg text').allTextContents()).map((t) => t.trim())).toEqual(
    expect.arrayContaining(['stim', 'go cue'])
  )
  expect(await matched.locator('svg g.xref title').allTextContents()).toContain(
    'go cue: the recorded trial’s own time, 1500 ms'
  )
  expect(await studio.figure('jaw-means').textContent()).toContain(
    'Dashed lines: median time of each task event over the recorded trials of the panel’s condition.'
  )
  await studio.shot('ui-model-task-events-behaviour')
})

it('Trial variability: the pair’s recorded trial shows its own event times, the generated one its condition’s medians', async () => {
  const { page, studio } = ui
  await studio.go('variability')
  const traces = studio.figure('area-traces')
  await traces.waitFor({ timeout: 180_000 })
  expect(await traces.textContent()).toContain('Dashed event lines: the recorded trial’s own times')
  // Step to a pair whose recorded trial is a hit (it has a response of its own; misses have none).
  const browser = page.getByTestId('pair-browser')
  for (let i = 0; i < 20 && !/\(Hit\) ↔/.test((await browser.textContent()) ?? ''); i++)
    await page.getByLabel('Next pair').click()
  const pairText = (await browser.textContent()) ?? ''
  const k = Number(/trial (\d+) \(Hit\)/.exec(pairText)?.[1])
  expect(Number.isInteger(k), pairText).toBe(true)
  const titles = (await traces.first().locator('svg g.xref title').allTextContents()).map((t) => t.trim())
  // Trial k's own response: 1.5 s go cue + 0.25 + 0.01·(k mod 5) s (test/helpers/h5-builders/task-nwb.ts).
  const ownResponse = Math.round((TASK.goCueAfterStim + TASK.responseAfterGo(k)) * 1000)
  expect(titles).toContain(`response: the recorded trial’s own time, ${ownResponse} ms`)
  expect(titles).toContain('go cue: the recorded trial’s own time, 1500 ms')
  expect(
    titles.some((t) => /^go cue: generated trial, median over the recorded (Hit|Miss) trials, 1500 ms$/.test(t))
  ).toBe(true)
  const legend = (await traces.first().locator('svg .legend text').allTextContents()).map((t) => t.trim())
  expect(legend).toEqual(expect.arrayContaining(['events: recorded trial', 'events: generated (median)']))
  await studio.shot('ui-model-task-events-variability')
})

it('Perturbations: the jaw and rate-change plots name the alignment and draw each event’s median once', async () => {
  const { page, studio } = ui
  await studio.go('perturbations')
  await page.getByTestId('perturb-form').waitFor({ timeout: 60_000 })
  await page.getByTestId('perturb-trials').fill('12')
  await page.getByTestId('perturb-seeds').fill('1')
  await page.getByTestId('perturb-start').click()
  await expect
    .poll(() => page.locator('[data-testid=experiment-row][data-status=completed]').count(), { timeout: 180_000 })
    .toBe(1)
  const jaw = studio.figure('perturb-jaw')
  await jaw.waitFor({ timeout: 60_000 })
  await expect
    .poll(async () => (await jaw.locator('svg text').allTextContents()).map((t) => t.trim()), { timeout: 30_000 })
    .toEqual(expect.arrayContaining(['stim', 'go cue', 'response', 'reward']))
  const labels = (await jaw.locator('svg text').allTextContents()).map((t) => t.trim())
  expect(labels.filter((t) => t === 'go cue')).toHaveLength(1)
  expect(await jaw.textContent()).toContain('Time from stim (ms)')
  await studio.shot('ui-model-task-events-perturbation')
  expect(pageErrors(ui)).toEqual([])
})
