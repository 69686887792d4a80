// The app folder: the nearest folder above the running code with a package.json and resources/.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** Nearest folder above `from` with a package.json and resources/ (src/main/services in tests, out/main built). */
export function findAppRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources'))) return dir
    if (dirname(dir) === dir) return from
  }
}
