// Electron security defaults (B4) without the Electron binary: webPreferences, permissions, navigation guards,
// the app:// protocol's traversal guard and CSP.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { WebContents } from 'electron'
import { secureWebPreferences, windowOptions } from '../../../src/main/window'
import {
  appProtocolResponse,
  denyAllPermissions,
  guardWebContents,
  isAllowedExternal
} from '../../../src/main/security'

describe('secureWebPreferences', () => {
  it('is sandboxed and isolated, with no Node, no webview and no insecure content', () => {
    const p = secureWebPreferences('/app/out/preload/index.js')
    expect(p).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false
    })
    expect(windowOptions('/p').webPreferences).toEqual(secureWebPreferences('/p'))
  })
})

describe('security handlers', () => {
  it('denies every permission request and check', () => {
    let request: ((wc: unknown, perm: string, cb: (ok: boolean) => void) => void) | undefined
    let check: (() => boolean) | undefined
    denyAllPermissions({
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h)
    } as never)
    const cb = vi.fn()
    request!(null, 'media', cb)
    expect(cb).toHaveBeenCalledWith(false)
    expect(check!()).toBe(false)
  })

  it('blocks navigation away from the app, webviews and new windows; opens only allow-listed https links', () => {
    const handlers: Record<string, (event: { preventDefault(): void }, url?: string) => void> = {}
    let openHandler: ((d: { url: string }) => { action: string }) | undefined
    const contents = {
      on: (name: string, h: (typeof handlers)[string]) => (handlers[name] = h),
      setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h)
    } as unknown as WebContents
    const shell = { openExternal: vi.fn(async () => {}) }
    guardWebContents(contents, shell)
    const ev = () => ({ preventDefault: vi.fn<() => void>() })
    const away = ev()
    handlers['will-navigate']!(away, 'https://evil.example/')
    expect(away.preventDefault).toHaveBeenCalled()
    const inside = ev()
    handlers['will-navigate']!(inside, 'app://studio/index.html#/fit')
    expect(inside.preventDefault).not.toHaveBeenCalled()
    const redirect = ev()
    handlers['will-redirect']!(redirect, 'http://127.0.0.1:1/')
    expect(redirect.preventDefault).toHaveBeenCalled()
    const webview = ev()
    handlers['will-attach-webview']!(webview)
    expect(webview.preventDefault).toHaveBeenCalled()
    expect(openHandler!({ url: 'https://github.com/x' })).toEqual({ action: 'deny' })
    expect(shell.openExternal).toHaveBeenCalledWith('https://github.com/x')
    expect(openHandler!({ url: 'http://github.com/x' })).toEqual({ action: 'deny' })
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
    expect(isAllowedExternal('https://github.com.evil.example/')).toBe(false)
  })

  it('serves app:// files with the CSP header and refuses traversal', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rsnn-app-'))
    mkdirSync(join(root, 'renderer'))
    writeFileSync(join(root, 'renderer', 'index.html'), '<p>hi</p>')
    writeFileSync(join(root, 'secret.txt'), 'secret')
    const ok = await appProtocolResponse(join(root, 'renderer'), 'app://studio/')
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/)
    expect(ok.headers.get('content-security-policy')).toMatch(/connect-src 'self';/)
    expect(await ok.text()).toBe('<p>hi</p>')
    for (const u of ['app://studio/../secret.txt', 'app://studio/%2e%2e/secret.txt', 'app://other/index.html']) {
      expect((await appProtocolResponse(join(root, 'renderer'), u)).status).toBe(404)
    }
  })
})
