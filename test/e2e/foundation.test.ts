// Foundation e2e: browser mode starts on the bundled example, chromium shows it listed, and the bridge's
// security holds from a real browser (CSP header, token, Origin, Host).
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import {
  ensureBuilt,
  launchChromium,
  openPage,
  rpc,
  screenshot,
  startBrowserMode,
  type BrowserModeServer
} from './harness'

const EXAMPLE = 'Example: two-area pseudodata'
let server: BrowserModeServer
let browser: Browser

beforeAll(async () => {
  ensureBuilt()
  server = await startBrowserMode()
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

function status(path: string, headers: Record<string, string>, method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end(method === 'POST' ? '{}' : undefined)
  })
}

describe('browser mode on the bundled example', () => {
  it('prints the URL and the engine backend, and imports the example once', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/)
    expect(server.logs.join('')).toMatch(/Engine backend: (wasm-simd|js)/)
    const list = await rpc(server, 'datasets.list')
    expect(list).toMatchObject({ ok: true, value: [expect.objectContaining({ name: EXAMPLE, sessions: 4 })] })
  })

  it('lists the example dataset in the Library view, with the CSP header on the page', async () => {
    const { page, errors } = await openPage(browser)
    const response = await page.goto(server.url)
    expect(response?.status()).toBe(200)
    const csp = (await response?.headerValue('content-security-policy')) ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain(`ws://127.0.0.1:${server.port}`)
    const row = page.getByTestId('dataset-row').filter({ hasText: EXAMPLE })
    await row.waitFor({ timeout: 30_000 })
    expect(await row.count()).toBe(1)
    await screenshot(page, 'foundation-library')
    // The page's own calls authenticate by the HttpOnly cookie it received with the URL token.
    const fromPage = await page.evaluate(async () => {
      const r = await fetch('/rpc/datasets.list', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}'
      })
      return r.status
    })
    expect(fromPage).toBe(200)
    // The token is gone from the address bar once the page holds the cookie; a reload still works.
    expect(page.url()).toBe(`http://127.0.0.1:${server.port}/`)
    await page.reload()
    await row.waitFor({ timeout: 30_000 })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('renames a dataset in place (Escape cancels, Enter commits)', async () => {
    const { page, errors } = await openPage(browser)
    await page.goto(server.url)
    await page.getByTestId('dataset-row').filter({ hasText: EXAMPLE }).waitFor({ timeout: 30_000 })
    // While editing, the name is an input's value, not row text: find the row by its id.
    const before = (await rpc(server, 'datasets.list')) as { value: { id: string }[] }
    const row = page.locator(`[data-testid="dataset-row"][data-id="${before.value[0]?.id}"]`)
    await row.getByRole('button', { name: 'Rename' }).click()
    await row.getByRole('textbox').press('Escape')
    await expect(row.getByRole('textbox').count()).resolves.toBe(0)
    await row.getByRole('button', { name: 'Rename' }).click()
    const input = row.getByRole('textbox')
    expect(await input.inputValue()).toBe(EXAMPLE)
    await input.fill('Renamed example')
    await input.press('Enter')
    const renamed = page.getByTestId('dataset-row').filter({ hasText: 'Renamed example' })
    await renamed.waitFor({ timeout: 10_000 })
    const list = (await rpc(server, 'datasets.list')) as { ok: boolean; value: { id: string; name: string }[] }
    expect(list.value.map((d) => d.name)).toEqual(['Renamed example'])
    // Put the name back for the other tests.
    await rpc(server, 'datasets.rename', { id: list.value[0]?.id, name: EXAMPLE })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('rejects requests without the token, from a foreign Origin, or with a bad Host', async () => {
    const host = `127.0.0.1:${server.port}`
    const rpcHeaders = { host, 'content-type': 'application/json', 'x-rsnn-token': server.token }
    expect(await status('/', { host })).toBe(401)
    expect(await status('/rpc/datasets.list', { host, 'content-type': 'application/json' }, 'POST')).toBe(401)
    expect(await status('/rpc/datasets.list', { ...rpcHeaders, origin: 'http://evil.example' }, 'POST')).toBe(403)
    expect(await status('/rpc/datasets.list', { ...rpcHeaders, host: `rebind.example:${server.port}` }, 'POST')).toBe(
      421
    )
    expect(await status('/rpc/datasets.list', rpcHeaders, 'POST')).toBe(200)
  })

  it('a foreign web page cannot read the API, even from the same browser', async () => {
    const { page } = await openPage(browser)
    await page.goto(server.url) // the browser now holds the cookie for 127.0.0.1:PORT
    await page.goto('about:blank')
    const result = await page.evaluate(async (origin) => {
      try {
        const r = await fetch(`${origin}/rpc/datasets.list`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
          credentials: 'include'
        })
        return `status ${r.status}`
      } catch (e) {
        return `blocked: ${(e as Error).message}`
      }
    }, server.origin)
    // Either CORS blocks the read or the bridge refuses the foreign Origin; the data never reaches the page.
    expect(result).toMatch(/blocked|status 40[13]/)
    await page.context().close()
  })
})
