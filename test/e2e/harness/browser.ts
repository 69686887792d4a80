// Debian chromium through playwright-core (never a downloaded browser), plus page error capture.
import { existsSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

/** Launches headless Debian chromium; explains how to install it when missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium once (apt-get install -y chromium); .ci/run does it`
    )
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic'
    ]
  })
}

/** A fresh page recording console errors, uncaught exceptions and failed loads (except favicon.ico). */
export async function openPage(
  browser: Browser,
  viewport = { width: 1400, height: 900 }
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (m) => {
    // Failed loads are reported below with their URL; the console's copy of them has none.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text())
  })
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`HTTP ${r.status()} ${r.url()}`)
  })
  page.on('pageerror', (e) => errors.push(e.message))
  return { page, errors }
}
