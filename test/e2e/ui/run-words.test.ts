// Runs described in words (issue 13, items 1 and 6): a run stopped by its time budget says so in the Library, the
// metric headers of the Library and Compare runs tables define their metric on hover and on keyboard focus, and
// the settings diff names each setting with its unit and includes the runs' time budgets; the Fit monitor of a
// finished run says why it stopped and keeps its last model rate (screenshots test-results/ui-library-words.png,
// ui-fit-budget-stop.png, ui-compare-words.png).
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest'
import { useStudio, type StudioSession } from './pages/session'

/** Starts a tiny fit and waits for its end. */
async function fit(
  { call }: StudioSession,
  datasetId: string,
  name: string,
  extra: Record<string, unknown>
): Promise<string> {
  const config = { model: { neuronsPerArea: 60 }, optim: { batchSize: 6, evalEvery: 5, checkpointEvery: 5 } }
  const run = await call<{ id: string }>('runs.start', { datasetId, name, config, ...extra })
  const t0 = Date.now()
  while (
    (await call<{ run: { status: string } }>('runs.get', { id: run.id, maxPoints: 2 })).run.status !== 'completed'
  ) {
    if (Date.now() - t0 > 240_000) throw new Error(`fit "${name}" did not complete in time`)
    await new Promise((r) => setTimeout(r, 1000))
  }
  return run.id
}

const ui = useStudio({
  example: true,
  viewport: { width: 1300, height: 900 },
  prepare: async (session) => {
    const [dataset] = await session.call<{ id: string }[]>('datasets.list', {})
    await fit(session, dataset!.id, 'ten steps', { steps: 10 })
    // a step target it cannot reach: the 10 s budget ends it
    await fit(session, dataset!.id, 'budget', {
      steps: 1_000_000,
      minutes: 10 / 60,
      config: { optim: { batchSize: 8 } }
    })
  },
  timeoutMs: 600_000
})

describe('runs in words', () => {
  it('the Library says a run was stopped by its time budget, and defines its metric headers on focus', async () => {
    const { page, studio } = ui
    await studio.go('library')
    const budget = page.locator('[data-testid=run-row]', { hasText: 'budget' })
    await expect
      .poll(() => budget.getByTestId('stop-reason').textContent(), { timeout: 30_000 })
      .toMatch(/^\s*\(time budget spent\)\s*$/)
    await page.getByTestId('runs-table').getByRole('button', { name: 'What is T′trial r?' }).focus()
    const hint = page.locator('[data-testid=metric-hint]:visible')
    expect(await hint.allTextContents()).toEqual([expect.stringMatching(/^T′trial r: How well single generated/)])
    await studio.shot('ui-library-words')
  })

  it('the Fit monitor of the finished run says its budget stopped it, and shows its last model rate', async () => {
    const { page, studio } = ui
    await page.locator('[data-testid=run-row]', { hasText: 'budget' }).getByRole('button', { name: 'Monitor' }).click()
    const stop = page.getByTestId('run-monitor').getByTestId('stop-reason')
    await stop.waitFor({ timeout: 30_000 })
    expect(await stop.textContent()).toMatch(/^Stopped by its time budget \(10 s\) at step \d+ of 1000000\.$/)
    await expect
      .poll(async () => Number(await page.getByTestId('card-rate').getAttribute('data-value')), { timeout: 30_000 })
      .toBeGreaterThan(0)
    await studio.shot('ui-fit-budget-stop')
  })

  it('Compare runs: a metric header shows its definition on focus; the settings diff has units and time budgets', async () => {
    const { page, studio, errors } = ui
    await studio.go('compare')
    const diff = page.getByTestId('settings-diff')
    await diff.locator('tr[data-path="run.timeLimitS"]').waitFor({ timeout: 60_000 })
    const row = async (path: string): Promise<string> =>
      ((await diff.locator(`tr[data-path="${path}"]`).innerText()) ?? '').replace(/\s+/g, ' ').trim()
    // runs newest first: "budget" (8 trials, 10 s budget), then "ten steps" (6 trials, none)
    expect(await row('optim.batchSize')).toBe('Trials per step (trials) 8 6')
    expect(await row('run.timeLimitS')).toBe('Time budget (min) 0.17 none')
    await page.getByTestId('compare-table').getByRole('button', { name: 'What is PSTH r?' }).focus()
    const hint = page.locator('[data-testid=metric-hint]:visible')
    expect(await hint.allTextContents()).toEqual([expect.stringMatching(/^PSTH r: Mean over recorded neurons/)])
    await studio.shot('ui-compare-words')
    expect(errors).toEqual([])
  })
})
