// Browser mode's transport: node:http + ws on 127.0.0.1 only. Static renderer, POST /rpc/:method, WS /events,
// all behind a per-launch token (URL ?token= → cookie, or header) and Host/Origin checks (B4).
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { decode, encode } from '@shared/contract/codec'
import type { PushEvent } from '@shared/contract/events'
import type { RpcReply } from '@shared/contract/transport'
import { contentSecurityPolicy } from './csp'
import type { Dispatch } from './dispatch'
import { contentType, resolveStatic } from './static-files'

export interface BridgeOptions {
  dispatch: Dispatch
  /** Registers an event listener; returns its unsubscribe. */
  subscribe(sink: (event: PushEvent) => void): () => void
  /** 0 (default) = a random free port. */
  port?: number
  /** Default: 32 random bytes, hex. */
  token?: string
  /** Built renderer folder (out/renderer); null serves RPC and events only (Electron's service child). */
  staticDir?: string | null
  /** Largest accepted request body, bytes. */
  maxBodyBytes?: number
}

export interface Bridge {
  port: number
  token: string
  /** http://127.0.0.1:PORT/?token=… — the address to open. */
  url: string
  close(): Promise<void>
}

/** Starts the bridge on 127.0.0.1 and resolves once it listens. */
export async function startHttpBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? randomBytes(32).toString('hex')
  const maxBody = opts.maxBodyBytes ?? 16 * 1024 * 1024
  let port = 0
  const cookieName = (): string => `rsnn_token_${port}` // per port: two instances on one host do not clash

  const hostOk = (req: IncomingMessage): boolean =>
    req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`
  const originOk = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin
    // Non-browser clients (CLI tools, Electron's main) send no Origin; they still need the token.
    return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
  }
  const tokenOf = (req: IncomingMessage, url: URL): string | null => {
    const header = req.headers['x-rsnn-token']
    if (typeof header === 'string') return header
    const q = url.searchParams.get('token')
    if (q) return q
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [k, ...v] = part.trim().split('=')
      if (k === cookieName()) return v.join('=')
    }
    return null
  }
  const tokenOk = (given: string | null): boolean => {
    if (!given) return false
    const a = Buffer.from(given)
    const b = Buffer.from(token)
    return a.length === b.length && timingSafeEqual(a, b)
  }
  const baseHeaders = (): Record<string, string> => ({
    'content-security-policy': contentSecurityPolicy(port),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store'
  })
  const sendJson = (res: ServerResponse, status: number, reply: RpcReply): void => {
    res.writeHead(status, { ...baseHeaders(), 'content-type': 'application/json' })
    res.end(encode(reply))
  }
  const deny = (res: ServerResponse, status: number, message: string): void =>
    sendJson(res, status, { ok: false, error: { code: 'UNAUTHORIZED', message } })

  async function handleRpc(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, { ok: false, error: { code: 'INVALID_INPUT', message: 'send application/json' } })
    }
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > maxBody) {
        return sendJson(res, 413, {
          ok: false,
          error: { code: 'INVALID_INPUT', message: `request body over ${maxBody} bytes` }
        })
      }
      chunks.push(chunk)
    }
    let input: unknown
    try {
      const text = Buffer.concat(chunks).toString('utf8')
      input = text ? decode(text) : {}
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'request body is not JSON' } })
    }
    sendJson(res, 200, await opts.dispatch(method, input))
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const file = opts.staticDir ? resolveStatic(opts.staticDir, url.pathname) : null
    if (!file) {
      res.writeHead(404, { ...baseHeaders(), 'content-type': 'text/plain; charset=utf-8' })
      res.end('not found')
      return
    }
    const headers: Record<string, string> = { ...baseHeaders(), 'content-type': contentType(file) }
    if (url.searchParams.has('token')) {
      // Trade the URL token for an HttpOnly cookie so assets, fetches and the event socket carry it.
      headers['set-cookie'] = `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`
    }
    res.writeHead(200, headers)
    if (req.method === 'HEAD') res.end()
    else createReadStream(file).pipe(res)
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (!hostOk(req)) return deny(res, 421, 'unexpected Host header')
    if (!originOk(req)) return deny(res, 403, 'cross-origin request refused')
    const given = tokenOf(req, url)
    if (!tokenOk(given)) {
      return deny(
        res,
        401,
        'missing or wrong access token: open the address printed by `npm start` (it carries ?token=)'
      )
    }
    const rpc = /^\/rpc\/([A-Za-z][\w.]{0,100})$/.exec(url.pathname)
    if (rpc && req.method === 'POST') {
      handleRpc(req, res, rpc[1]!).catch(() =>
        sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'request failed' } })
      )
      return
    }
    if (req.method === 'GET' || req.method === 'HEAD') return handleStatic(req, res, url)
    sendJson(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: `${req.method} not allowed here` } })
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname !== '/events' || !hostOk(req) || !originOk(req) || !tokenOk(tokenOf(req, url))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const off = opts.subscribe((event) => {
        if (ws.readyState === ws.OPEN) ws.send(encode(event))
      })
      ws.on('close', off)
      ws.on('error', off)
    })
  })

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen())
  })
  const addr = server.address()
  port = typeof addr === 'object' && addr ? addr.port : 0
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((done) => {
        for (const ws of wss.clients) ws.terminate()
        wss.close()
        server.closeAllConnections()
        server.close(() => done())
      })
  }
}
