// `npm start` without Electron's binary: it says why (not downloaded on purpose) and how to get the window.
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain .mjs script without types
import { noWindowMessage } from '../../../scripts/no-window-message.mjs'

describe('no desktop window message', () => {
  it('explains the skipped download and gives the command that installs the binary, not a reinstall', () => {
    const text: string = noWindowMessage(
      'Electron failed to install correctly, please delete node_modules/electron and try installing again'
    )
    expect(text).toMatch(/^No desktop window: Electron's binary is not installed\.\n/)
    expect(text).toContain('on purpose')
    expect(text).toContain('"electron": false')
    expect(text).toContain('node node_modules/electron/install.js && npm start')
    expect(text).toContain('browser mode')
    expect(text).not.toMatch(/delete node_modules|try installing again/)
  })
  it('keeps any other reason', () => {
    expect(noWindowMessage('Cannot find module electron')).toContain('(Cannot find module electron)')
  })
})
