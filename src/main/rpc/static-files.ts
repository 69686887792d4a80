// Resolves a URL path to a file inside the renderer folder (no traversal) and its content type.
import { realpathSync, statSync } from 'node:fs'
import { extname, join, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json'
}

export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file under `root` that `urlPath` names ('/' → index.html), or null when it does not exist or would
 * leave `root` (../, encoded %2e%2e, absolute paths, NUL bytes, or a symlink that points outside it).
 */
export function resolveStatic(root: string, urlPath: string): string | null {
  let rel: string
  try {
    rel = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (rel.includes('\0')) return null
  if (rel === '/' || rel === '') rel = '/index.html'
  const base = resolve(root)
  const file = resolve(join(base, rel))
  if (!file.startsWith(base + sep)) return null
  try {
    // The real path, links resolved, must still lie under the real root.
    const real = realpathSync(file)
    if (!real.startsWith(realpathSync(base) + sep)) return null
    return statSync(real).isFile() ? real : null
  } catch {
    return null
  }
}
