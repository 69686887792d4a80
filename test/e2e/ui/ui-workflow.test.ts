// The UI end to end in browser mode: import the bundled example through the Import view, explore it, start a
// short fit and watch the live curve grow, open trial variability, behaviour, connectivity and run comparison
// with real data, export figures, and take a screenshot of every view (test-results/ui-*.png).
// page.evaluate callbacks run in the browser, hence the DOM types:
/// <reference lib="dom" />
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Studio } from './pages/studio'
import { pageErrors, useStudio } from './pages/session'

/** The time axis the Import preview showed ("Time from <alignment column> (ms)"); the Data explorer must agree. */
let previewAxis = ''

const ui = useStudio({ viewport: { width: 1400, height: 900 } })

describe('RSNN Studio UI', () => {
  it('shows the shell: navigation, engine backend in the header, window title', async () => {
    const { page } = ui
    await expect
      .poll(() => page.getByTestId('app-info').textContent(), { timeout: 30_000 })
      .toMatch(/engine \S+ × \d+ thread/)
    expect(await page.getByRole('navigation', { name: 'Views' }).getByRole('link').count()).toBe(9)
    expect(await page.title()).toBe('Library — RSNN Studio')
    // Keyboard: focus a nav link, Enter opens the view.
    await page.getByTestId('nav-import').focus()
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => location.hash.startsWith('#/import'))
    expect(await page.title()).toBe('Import — RSNN Studio')
  })

  it('imports the bundled example through the Import view, with a live preview of the mapping', async () => {
    const { page, studio } = ui
    await studio.go('import')
    // A wrong path is reported in place, naming the file.
    await page.getByTestId('import-paths').fill('/nonexistent/missing-session.nwb')
    await page.getByTestId('inspect-button').click()
    const err = page.getByTestId('import-error')
    await err.waitFor({ timeout: 30_000 })
    expect(await err.textContent()).toContain('/nonexistent/missing-session.nwb')
    await page.getByTestId('import-paths').fill('')
    await page.getByTestId('example-button').click()
    await page.getByTestId('mapping-form').waitFor({ timeout: 60_000 })
    // The app's outcome model in words, and why each of the file's outcome values became what it did.
    expect(await page.getByTestId('outcome-model').textContent()).toMatch(
      /Hit = stimulus and a lick, Miss = stimulus and no lick/
    )
    const whys = await page.getByTestId('outcome-why').allTextContents()
    expect(whys.length).toBeGreaterThanOrEqual(2)
    for (const w of whys) expect(w).toMatch(/^guessed: “[^”]+” reads as (Hit|Miss|CR|FA)$/)
    // Live preview: sessions table with trials per outcome, and a raster + PSTH of one session.
    const preview = page.getByTestId('data-preview')
    await preview.waitFor({ timeout: 60_000 })
    expect(await preview.locator('tbody tr').count()).toBe(4)
    const hits = await preview.locator('td[data-outcome=Hit]').first().textContent()
    expect(Number(hits)).toBeGreaterThan(0)
    await studio.figure('raster-figure').locator('canvas').waitFor()
    // The preview smooths its PSTHs like the Data explorer, and its axes name the column trials are aligned to.
    await studio.figure('psth-figure').waitFor({ timeout: 60_000 })
    expect(await studio.figure('psth-figure').textContent()).toContain('10 ms box filter')
    previewAxis = (await studio.figure('psth-figure').textContent())?.match(/Time from [^(]+\(ms\)/)?.[0] ?? ''
    expect(previewAxis).toMatch(/^Time from [a-z ]+ \(ms\)$/)
    await studio.shot('ui-import-preview')
    await page.getByTestId('import-button').click()
    const result = page.getByTestId('import-result')
    await result.waitFor({ timeout: 120_000 })
    expect(await result.textContent()).toMatch(/\S/)
    await studio.shot('ui-import')
  })

  it('lists the dataset in the Library and explores it: raster, PSTH per outcome, jaw traces', async () => {
    const { page, studio } = ui
    await studio.go('library')
    await expect.poll(() => page.getByTestId('dataset-row').count(), { timeout: 30_000 }).toBe(1)
    await page.getByTestId('dataset-row').getByRole('button', { name: 'Explore' }).click()
    const raster = studio.figure('raster-figure')
    await raster.locator('canvas[data-rows]').waitFor({ timeout: 60_000 })
    expect(Number(await raster.locator('canvas').getAttribute('data-rows'))).toBeGreaterThan(10)
    await expect.poll(() => page.getByTestId('psth-figure').count(), { timeout: 60_000 }).toBe(2)
    expect(await studio.seriesPaths('psth-figure')).toBeGreaterThanOrEqual(2)
    await studio.figure('jaw-figure').waitFor({ timeout: 60_000 })
    expect(await studio.seriesPaths('jaw-figure')).toBeGreaterThan(2)
    expect(await studio.figure('psth-figure').textContent()).toContain('10 ms box filter')
    for (const f of ['raster-figure', 'psth-figure', 'jaw-figure'])
      expect(await studio.figure(f).textContent()).toContain(previewAxis)
    await studio.shot('ui-explorer')
  })

  it('starts a short fit and the live loss curve grows', async () => {
    const { page, studio } = ui
    await studio.go('fit')
    await page.getByTestId('fit-preset').selectOption('quick')
    // Before anything starts: the model the engine will really use and the expected duration. The Quick look asks
    // for the fewest neurons, so every recorded unit gets its own: the panel says how many and why.
    const neurons = page.getByTestId('resolved-neurons')
    await neurons.waitFor({ timeout: 60_000 })
    await expect
      .poll(async () => Number(await neurons.getAttribute('data-used')), { timeout: 30_000 })
      .toBeGreaterThan(Number(await neurons.getAttribute('data-requested')))
    expect(await neurons.textContent()).toMatch(/one per recorded unit; the setting's\s+\d+ is a minimum/)
    expect(await page.getByTestId('resolved-changes').textContent()).toMatch(
      /Neurons per area: \d+ \(one model neuron per recorded unit, .*the setting's \d+ is a minimum\)/
    )
    expect(Number(await page.getByTestId('resolved-duration').getAttribute('data-expected-s'))).toBeGreaterThan(0)
    await page.getByText('Advanced settings').click()
    await studio.shot('ui-fit-settings')
    // Absurd settings are refused in place, naming the setting in words and its field, before anything starts.
    await page.locator('#cfg-optim-lr').fill('5')
    await page.locator('#cfg-optim-lr').blur()
    await page.getByTestId('fit-start').click()
    const err = page.getByTestId('fit-error')
    await err.waitFor()
    expect(await err.textContent()).toMatch(/Learning rate must be at most 1 \(optim\.lr\)/)
    await page.locator('#cfg-optim-lr').fill('0.001')
    await page.locator('#cfg-optim-lr').blur()
    await page.getByText('Advanced settings').click()
    await page.getByTestId('fit-steps').fill('20')
    await page.getByTestId('fit-start').click()
    await page.getByTestId('run-monitor').waitFor({ timeout: 60_000 })
    await expect
      .poll(async () => (await studio.runState()).points, { timeout: 180_000, interval: 1000 })
      .toBeGreaterThanOrEqual(2)
    const early = await studio.runState()
    await expect
      .poll(async () => (await studio.runState()).points, { timeout: 180_000, interval: 1000 })
      .toBeGreaterThan(early.points)
    expect(await studio.seriesPaths('loss-figure')).toBeGreaterThanOrEqual(2)
    await studio.shot('ui-fit-running')
    await expect
      .poll(async () => (await studio.runState()).status, { timeout: 240_000, interval: 2000 })
      .toBe('completed')
    await page.getByTestId('card-ttrial').waitFor({ timeout: 60_000 })
    const ttrial = Number(await page.getByTestId('card-ttrial').getAttribute('data-value'))
    expect(Number.isFinite(ttrial)).toBe(true)
    // The engine's automatic change is in the run's events, opened because it changes what the numbers mean.
    await expect
      .poll(() => page.getByTestId('run-events').locator('li[data-kind=note]').allTextContents(), { timeout: 30_000 })
      .toEqual(
        expect.arrayContaining([expect.stringMatching(/Neurons per area: \d+ \(one model neuron per recorded unit/)])
      )
    await studio.shot('ui-fit')
  })

  it('exports a figure as SVG (styles inlined) and PNG, and its data as CSV', async () => {
    const { studio } = ui
    const svg = readFileSync(await studio.exportFigure('loss-figure', 'SVG'), 'utf8')
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(svg).toContain('class="series"')
    expect(svg).not.toContain('var(--') // computed colours, not CSS variables
    const png = readFileSync(await studio.exportFigure('loss-figure', 'PNG'))
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(png.readUInt32BE(16)).toBeGreaterThan(800) // width at 2× the on-screen figure
    const csv = readFileSync(await studio.exportFigure('loss-figure', 'CSV'), 'utf8').split('\r\n')
    expect(csv[0]).toBe('step,total,psth,trial,reg')
    expect(csv.length).toBeGreaterThan(3)
  })

  it('shows trial variability with real data: matched single trials, feature histograms, PCA, T′trial', async () => {
    const { page, studio } = ui
    await studio.go('variability')
    const summary = page.getByTestId('variability-summary')
    await summary.waitFor({ timeout: 180_000 })
    const t = Number(await page.getByTestId('ttrial-value').getAttribute('data-value'))
    expect(t).toBeGreaterThan(-1)
    expect(t).toBeLessThanOrEqual(1)
    expect(await page.getByTestId('area-traces').count()).toBe(2)
    // Faint recorded + generated trials and the bold matched pair are drawn in each area.
    const drawn = await page.getByTestId('area-traces').first().locator('path.series').count()
    expect(drawn).toBeGreaterThan(4)
    expect(
      await page.getByTestId('area-traces').first().locator('path.series[data-name="matched: generated"]').count()
    ).toBe(1)
    const bars = await studio.figure('feature-histograms').locator('g.hist rect').count()
    expect(bars).toBeGreaterThan(4)
    const nRec = Number((await page.getByTestId('n-recorded').textContent())?.match(/\d+/)?.[0])
    expect(nRec).toBeGreaterThan(0)
    const points = await studio
      .figure('embedding-figure')
      .locator('g.points')
      .evaluateAll((gs) => gs.reduce((s, g) => s + Number(g.getAttribute('data-count')), 0))
    expect(points).toBeGreaterThan(nRec)
    // Where the numbers come from, with the same counts as the cards; the recorded trial's session by its name.
    const source = page.getByTestId('data-source')
    expect(await source.getAttribute('data-checkpoint')).toBe('best')
    expect(await source.textContent()).toContain(
      `step ${await source.getAttribute('data-step')}, on ${nRec} held-out recorded trials and ${points - nRec} generated trials`
    )
    expect(await page.getByTestId('pair-session').textContent()).toMatch(/^pseudo-session-\d$/)
    await page.getByRole('button', { name: 'Next pair' }).click()
    await studio.shot('ui-variability')
  })

  it('shows predicted vs recorded behaviour, the trial-type mix and lick classification', async () => {
    const { page, studio } = ui
    await studio.go('behaviour')
    await studio.figure('trial-type-mix').waitFor({ timeout: 180_000 })
    const bars = studio.figure('trial-type-mix').locator('g.bar')
    expect(await bars.count()).toBeGreaterThanOrEqual(2)
    const recHit = Number(
      await studio
        .figure('trial-type-mix')
        .locator('g.bar[data-group=recorded][data-category=Hit]')
        .getAttribute('data-value')
    )
    expect(recHit).toBeGreaterThan(0.5) // the example's Hit rate is 0.8
    expect(await page.getByTestId('jaw-panel').count()).toBeGreaterThanOrEqual(1)
    expect(await studio.seriesPaths('jaw-means')).toBeGreaterThanOrEqual(2)
    expect(await page.getByTestId('lick-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(1)
    // The view names its checkpoint and trials; the counts are the trial-type mix caption's.
    const caption = await studio.figure('trial-type-mix').textContent()
    const [, nRec, nGen] = /recorded n=(\d+).*generated n=(\d+)/.exec(caption ?? '') ?? []
    expect(await page.getByTestId('data-source').textContent()).toMatch(
      new RegExp(
        `From the best checkpoint \\(highest held-out T′trial\\), step \\d+, on ${nRec} held-out recorded trials and ${nGen} generated trials`
      )
    )
    await studio.shot('ui-behaviour')
  })

  it('shows connectivity matrices and compares runs', async () => {
    const { page, studio } = ui
    await studio.go('connectivity')
    await studio.figure('conn-exc').locator('g.cell').first().waitFor({ timeout: 120_000 })
    expect(await studio.figure('conn-exc').locator('g.cell').count()).toBe(4)
    const w = Number(await studio.figure('conn-exc').locator('g.cell').first().getAttribute('data-value'))
    expect(Number.isFinite(w)).toBe(true)
    expect(await page.getByTestId('data-source').textContent()).toMatch(
      /From the best checkpoint \(highest held-out T′trial\), step \d+\./
    )
    await studio.shot('ui-connectivity')
    await studio.go('compare')
    await page.getByTestId('compare-table').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('compare-table').locator('tbody tr').count()).toBe(1)
    expect(await studio.seriesPaths('compare-total')).toBe(1)
    expect(await page.getByTestId('compare-eval-step').textContent()).toBe('20')
    await studio.shot('ui-compare')
  })

  it('lists the finished run in the Library; delete asks for confirmation', async () => {
    const { page, studio } = ui
    await studio.go('library')
    const run = page.getByTestId('run-row')
    await expect.poll(() => run.getAttribute('data-status'), { timeout: 30_000 }).toBe('completed')
    await run.getByRole('button', { name: 'Delete' }).click()
    const dialog = page.getByTestId('confirm-dialog')
    await dialog.waitFor()
    expect(await dialog.textContent()).toMatch(/exported from it are not touched/)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    expect(await page.getByTestId('run-row').count()).toBe(1)
    await studio.shot('ui-library')
    expect(pageErrors(ui)).toEqual([])
  })

  it('follows the OS dark theme with the dark palette', async () => {
    const { server, browser } = ui
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'dark' })
    const dark = await ctx.newPage()
    // A new context has no session cookie and the address bar no longer shows the token: open the printed URL.
    await dark.goto(server.url.replace(/#.*$/, '') + '#/explorer')
    await dark.getByTestId('psth-figure').first().waitFor({ timeout: 60_000 })
    const vars = await dark.evaluate(() => {
      const cs = getComputedStyle(document.documentElement)
      return { bg: cs.getPropertyValue('--bg').trim(), recorded: cs.getPropertyValue('--c-recorded').trim() }
    })
    expect(vars).toEqual({ bg: '#16191d', recorded: '#56b4e9' })
    await new Studio(dark).shot('ui-explorer-dark')
    await ctx.close()
  })

  it('pauses, resumes and cancels a running fit from the monitor', async () => {
    const { page, studio } = ui
    await studio.go('fit')
    await page.getByRole('button', { name: 'New fit…' }).click()
    await page.getByTestId('fit-preset').selectOption('quick')
    await page.getByTestId('fit-steps').fill('400')
    await page.getByTestId('fit-start').click()
    await expect
      .poll(async () => (await studio.runState()).step, { timeout: 120_000, interval: 500 })
      .toBeGreaterThanOrEqual(1)
    await page.getByTestId('fit-pause').click()
    await expect.poll(async () => (await studio.runState()).status, { timeout: 60_000, interval: 500 }).toBe('paused')
    const pausedAt = (await studio.runState()).step
    await page.getByTestId('fit-resume').click()
    await expect
      .poll(async () => (await studio.runState()).step, { timeout: 120_000, interval: 500 })
      .toBeGreaterThan(pausedAt)
    await page.getByTestId('fit-cancel').click()
    await expect
      .poll(async () => (await studio.runState()).status, { timeout: 60_000, interval: 500 })
      .toBe('cancelled')
    await studio.go('library')
    await expect
      .poll(() => page.locator('[data-testid=run-row][data-status=cancelled]').count(), { timeout: 30_000 })
      .toBe(1)
    expect(pageErrors(ui)).toEqual([])
  })
})
