// One browser-mode server and one Debian chromium page per test file: started before the file's tests, stopped after
// them. Tests read the parts from the returned object once its beforeAll has run (inside `it`, not at module level).
import { afterAll, beforeAll } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { ensureBuilt, launchChromium, openPage, rpc, startBrowserMode, type BrowserModeServer } from '../../harness'
import { Studio } from './studio'

export interface StudioSession {
  server: BrowserModeServer
  browser: Browser
  page: Page
  studio: Studio
  /** Console errors, uncaught exceptions and failed loads seen by the page so far. */
  errors: string[]
  /** An RPC call on the server that throws with the method's name when it fails. */
  call<T>(method: string, input: unknown): Promise<T>
}

export interface SessionOptions {
  /** Import the bundled example on start (as `npm start` does); default false: an empty store. */
  example?: boolean
  viewport?: { width: number; height: number }
  /** Runs once the server is up and before the page opens: imports and fits through RPC. */
  prepare?: (session: StudioSession) => Promise<void>
  /** For a slow prepare (default: the config's hookTimeout). */
  timeoutMs?: number
}

export function useStudio(opts: SessionOptions = {}): StudioSession {
  const session = {
    errors: [] as string[],
    async call<T>(method: string, input: unknown): Promise<T> {
      const r = await rpc(session.server, method, input)
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
      return r.value as T
    }
  } as StudioSession
  beforeAll(async () => {
    ensureBuilt()
    session.server = await startBrowserMode({ example: opts.example ?? false })
    await opts.prepare?.(session)
    session.browser = await launchChromium()
    const { page, errors } = await openPage(session.browser, opts.viewport ?? { width: 1400, height: 900 })
    Object.assign(session, { page, errors, studio: new Studio(page) })
    await page.goto(session.server.url)
  }, opts.timeoutMs)
  afterAll(async () => {
    await session.browser?.close()
    await session.server?.stop()
  })
  return session
}

/** The page's errors less the favicon's 404, which some chromium builds request whatever the page declares. */
export const pageErrors = (session: StudioSession): string[] =>
  session.errors.filter((e) => !/favicon|404 \(Not Found\)/.test(e))
