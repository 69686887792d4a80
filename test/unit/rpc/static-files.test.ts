// Static serving of the renderer folder: nothing outside it is reachable, by path or through a symlink.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveStatic } from '../../../src/main/rpc/static-files'

let dir: string
let root: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rsnn-static-'))
  root = join(dir, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<html></html>')
  writeFileSync(join(root, 'assets', 'app.js'), '')
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer folder')
  mkdirSync(join(dir, 'private'))
  writeFileSync(join(dir, 'private', 'key'), 'outside too')
  symlinkSync(join(dir, 'secret.txt'), join(root, 'leak.txt'))
  symlinkSync(join(dir, 'private'), join(root, 'assets', 'outside-dir'))
  symlinkSync(join(root, 'assets', 'app.js'), join(root, 'alias.js'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('resolveStatic', () => {
  it('serves files under the root, / as index.html', () => {
    expect(resolveStatic(root, '/')).toBe(join(root, 'index.html'))
    expect(resolveStatic(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'))
  })

  it('refuses paths that leave the root', () => {
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/../../secret.txt',
      '/index.html%00.js',
      '/nope.js',
      '/assets'
    ]) {
      expect(resolveStatic(root, p), p).toBeNull()
    }
  })

  it('does not follow symlinks out of the root (a file or a folder linked from inside)', () => {
    expect(resolveStatic(root, '/leak.txt')).toBeNull()
    expect(resolveStatic(root, '/assets/outside-dir/key')).toBeNull()
    // A link that stays inside the root is fine.
    expect(resolveStatic(root, '/alias.js')).toBe(join(root, 'assets', 'app.js'))
  })
})
