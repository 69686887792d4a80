// Builds out/ when it is missing or older than any source file, so `npm start`, `npm run rsnn` and tests
// always run current code without a separate build step.
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const marker = join(root, 'out/main/serve.js')

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p))
    else newest = Math.max(newest, statSync(p).mtimeMs)
  }
  return newest
}

const sources = ['src', 'electron.vite.config.ts', 'electron.vite.tools.config.ts', 'package.json'].map((p) =>
  join(root, p)
)
const srcTime = Math.max(...sources.map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)))
if (!existsSync(marker) || statSync(marker).mtimeMs < srcTime) {
  process.stderr.write('Building RSNN Studio (electron-vite build)…\n')
  execSync('npm run --silent build', { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
}
