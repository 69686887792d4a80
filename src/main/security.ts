// Electron hardening (style.md B4): app:// protocol with traversal guard and CSP, deny-all permissions,
// no navigation, no new windows, no webviews; external links only to allow-listed https hosts.
import type { App, Protocol, Session, Shell, WebContents } from 'electron'
import { readFile } from 'node:fs/promises'
import { contentSecurityPolicy } from './rpc/csp'
import { contentType, resolveStatic } from './rpc/static-files'

export const APP_SCHEME = 'app'
export const APP_ORIGIN = 'app://studio'
/** Hosts a link in the app may open in the user's browser (documentation). */
const EXTERNAL_HOSTS = new Set(['github.com', 'www.nwb.org', 'nwb-schema.readthedocs.io', 'pynwb.readthedocs.io'])

/** Only https links to the allow-listed hosts leave the app. */
export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' && EXTERNAL_HOSTS.has(u.hostname)
  } catch {
    return false
  }
}

/** Before `ready`: app:// is a standard, secure scheme (so 'self' in the CSP means the app). */
export function registerSchemePrivileges(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/** Response for an app:// request: a file under `rendererDir`, with the CSP header; 404 outside it. */
export async function appProtocolResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  const u = new URL(requestUrl)
  const file = u.host === 'studio' ? resolveStatic(rendererDir, u.pathname) : null
  if (!file) return new Response('not found', { status: 404 })
  return new Response(await readFile(file), {
    headers: {
      'content-type': contentType(file),
      'content-security-policy': contentSecurityPolicy(),
      'x-content-type-options': 'nosniff'
    }
  })
}

/** Denies every permission request and check (the app needs none). */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>
): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/** Per-webContents guards: no navigation away, no redirects, no webviews, no new windows. */
export function guardWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

/** Installs everything above once the app is ready. */
export function installSecurity(
  app: App,
  session: Session,
  protocol: Protocol,
  shell: Shell,
  rendererDir: string
): void {
  denyAllPermissions(session)
  protocol.handle(APP_SCHEME, (req) => appProtocolResponse(rendererDir, req.url))
  app.on('web-contents-created', (_e, contents) => guardWebContents(contents, shell))
}
