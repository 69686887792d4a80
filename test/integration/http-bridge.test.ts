// The HTTP/WS bridge in-process on 127.0.0.1:0: RPC with typed arrays, events, token/Host/Origin checks,
// CSP header, static files without traversal, and the same client suite over both transports.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { Transport } from '@shared/contract/transport'
import { createDispatch } from '../../src/main/rpc/dispatch'
import { startHttpBridge, type Bridge } from '../../src/main/rpc/http-bridge'
import { createContainer, type Container } from '../../src/main/services/container'
import { createClientOver, type Client } from '../../src/shared/contract/client'
import { wsTransport } from '../../src/renderer/src/lib/transport/ws-transport'
import { fakeIo, makeSession, writeRecording } from '../unit/services/fake-io'

let dir: string
let c: Container
let bridge: Bridge
let rec: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rsnn-bridge-'))
  c = await createContainer({ dataDir: join(dir, 'store'), mode: 'browser', io: fakeIo().io, appRoot: dir })
  mkdirSync(join(dir, 'renderer'))
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>')
  writeFileSync(join(dir, 'secret.txt'), 'secret')
  rec = join(dir, 'rec.json')
  writeRecording(rec, [
    makeSession({
      name: 's1',
      units: [{ area: 'A1' }, { area: 'A2' }],
      outcomes: ['Hit', 'Miss'],
      nBins: 3,
      count: (k, t) => (t === k ? 2 : 0)
    })
  ])
  bridge = await startHttpBridge({
    dispatch: createDispatch(c.handlers),
    subscribe: (sink) => c.events.subscribe(sink),
    staticDir: join(dir, 'renderer')
  })
})
afterAll(async () => {
  await bridge.close()
  await c.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Raw HTTP so the test controls Host and Origin exactly. */
function raw(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, method, headers }, (res) => {
      let text = ''
      res.on('data', (d: Buffer) => (text += d.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}
const host = (): string => `127.0.0.1:${bridge.port}`
const rpcHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({
  host: host(),
  'content-type': 'application/json',
  'x-rsnn-token': bridge.token,
  ...extra
})

function wsOpen(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {})
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

describe('bridge security', () => {
  it('listens on 127.0.0.1 with a long random token', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/)
  })

  it('rejects RPC without token, with a wrong token, a foreign Origin or a bad Host', async () => {
    const body = '{}'
    expect(
      (await raw('/rpc/datasets.list', { host: host(), 'content-type': 'application/json' }, 'POST', body)).status
    ).toBe(401)
    expect((await raw('/rpc/datasets.list', rpcHeaders({ 'x-rsnn-token': 'x'.repeat(64) }), 'POST', body)).status).toBe(
      401
    )
    expect((await raw('/rpc/datasets.list', rpcHeaders({ origin: 'http://evil.example' }), 'POST', body)).status).toBe(
      403
    )
    expect(
      (await raw('/rpc/datasets.list', rpcHeaders({ host: `evil.example:${bridge.port}` }), 'POST', body)).status
    ).toBe(421)
    expect(
      (await raw('/rpc/datasets.list', rpcHeaders({ origin: `http://localhost:${bridge.port}` }), 'POST', body)).status
    ).toBe(200)
  })

  it('refuses the event socket without token or from a foreign origin', async () => {
    const base = `ws://127.0.0.1:${bridge.port}/events`
    await expect(wsOpen(base)).rejects.toThrow(/401/)
    await expect(wsOpen(`${base}?token=${bridge.token}`, 'http://evil.example')).rejects.toThrow(/401/)
    const ok = await wsOpen(`${base}?token=${bridge.token}`, `http://127.0.0.1:${bridge.port}`)
    ok.close()
  })

  it('serves the renderer with CSP, trades the URL token for an HttpOnly cookie, and blocks traversal', async () => {
    const page = await raw(`/?token=${bridge.token}`, { host: host() })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${bridge.port}`)
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    const cookie = String(page.headers['set-cookie'])
    expect(cookie).toMatch(new RegExp(`rsnn_token_${bridge.port}=${bridge.token}; HttpOnly; SameSite=Strict`))
    const withCookie = await raw('/index.html', { host: host(), cookie: cookie.split(';')[0]! })
    expect(withCookie.status).toBe(200)
    expect((await raw('/', { host: host() })).status).toBe(401)
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      expect((await raw(p, { host: host(), 'x-rsnn-token': bridge.token })).status).toBe(404)
    }
  })

  it('answers bad payloads with INVALID_INPUT naming the field, and non-JSON with 415', async () => {
    const r = await raw('/rpc/datasets.import', rpcHeaders(), 'POST', JSON.stringify({ files: [3] }))
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'files.0' } })
    expect((await raw('/rpc/datasets.list', rpcHeaders({ 'content-type': 'text/plain' }), 'POST', '{}')).status).toBe(
      415
    )
  })
})

/** The same client behaviour over the WS bridge and over a fake preload that calls dispatch directly. */
describe.each([
  [
    'ws bridge',
    (): Transport => wsTransport({ base: `http://127.0.0.1:${bridge.port}`, token: bridge.token, retryMs: 50 })
  ],
  [
    'ipc (fake preload)',
    (): Transport => ({
      invoke: (m, i) => createDispatch(c.handlers)(m, structuredClone(i)).then((r) => structuredClone(r)),
      subscribe: (l) => c.events.subscribe((e) => l(structuredClone(e)))
    })
  ]
])('transport conformance: %s', (_name, make) => {
  let client: Client
  beforeAll(() => {
    ;(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket
    client = createClientOver(make(), 'browser')
  })
  afterAll(() => client.dispose())

  it('imports with progress events, then returns typed arrays identical to the service', async () => {
    const seen: string[] = []
    const off = client.on('datasets.changed', (p) => seen.push(p.change))
    const offProgress = client.on('import.progress', (p) => seen.push(`progress ${p.stage}`))
    await new Promise((r) => setTimeout(r, 100)) // let the event socket open
    const imp = await client.api['datasets.import']({ files: [rec] })
    const id = imp.dataset.id
    const raster = await client.api['datasets.raster']({ id, session: 0, area: 'A1' })
    expect(raster.spikeBin).toBeInstanceOf(Int32Array)
    expect(raster).toEqual(await c.datasets.raster(id, 0, 'A1'))
    const psth = await client.api['datasets.psth']({ id })
    expect(psth.series[0]!.rateHz).toBeInstanceOf(Float32Array)
    await expect.poll(() => seen.includes('imported') || imp.existing).toBe(true)
    expect(seen.some((s) => s.startsWith('progress')) || imp.existing).toBe(true)
    off()
    offProgress()
  })

  it('rejects with AppError carrying code and field', async () => {
    await expect(client.api['datasets.show']({ id: 'missing' })).rejects.toMatchObject({
      name: 'AppError',
      code: 'NOT_FOUND',
      field: 'id'
    })
    await expect(client.api['datasets.raster']({ id: 'x', session: -1, area: 'A' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'session'
    })
  })
})
