// Enforces the import directions of style.md B3 by reading every source file's imports.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, dirname } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../../..')
const src = join(root, 'src')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return name === 'as' ? [] : files(p) // AssemblyScript sources are not TS modules
    return /\.(ts|svelte)$/.test(name) ? [p] : []
  })
}

/** Import specifiers of a file, with relative ones resolved to repo-relative paths. */
function imports(file: string): string[] {
  // Drop line comments so usage examples in comments are not taken for imports.
  const text = readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '')
  const specs = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)
  ].map((m) => m[1] ?? m[2] ?? '')
  return specs.map((s) => {
    if (s.startsWith('.')) return `./${relative(root, resolve(dirname(file), s))}`
    if (s.startsWith('@shared/')) return `./src/shared/${s.slice('@shared/'.length)}`
    return s
  })
}

const all = files(src).map((f) => ({ file: relative(root, f), deps: imports(f) }))
const isPackage = (d: string): boolean => !d.startsWith('./')

function violations(filter: (file: string) => boolean, allowed: (dep: string, file: string) => boolean): string[] {
  return all
    .filter((f) => filter(f.file))
    .flatMap((f) =>
      f.deps
        .map((d) => d.replace(/^\.\//, ''))
        .filter((d) => !allowed(d, f.file))
        .map((d) => `${f.file} → ${d}`)
    )
}

describe('layering (style.md B3)', () => {
  it('sees the source tree', () => {
    expect(all.length).toBeGreaterThan(50)
  })

  it('src/shared imports nothing outside src/shared but zod', () => {
    expect(
      violations(
        (f) => f.startsWith('src/shared/'),
        (d) => d.startsWith('src/shared/') || d === 'zod'
      )
    ).toEqual([])
  })

  it('the renderer never imports main, preload, node or electron', () => {
    const banned = (d: string): boolean =>
      d.startsWith('src/main') ||
      d.startsWith('src/preload') ||
      d.startsWith('node:') ||
      d === 'electron' ||
      d === 'better-sqlite3' ||
      d.startsWith('h5wasm')
    expect(
      violations(
        (f) => f.startsWith('src/renderer/'),
        (d) => !banned(d)
      )
    ).toEqual([])
  })

  it('the engine is a plain library: only itself, shared domain/errors, tfjs, and worker_threads inside parallel/', () => {
    const ok = (d: string, file: string): boolean =>
      d.startsWith('src/main/engine/') ||
      d.startsWith('src/shared/domain/') ||
      d === 'src/shared/contract/errors' ||
      d.startsWith('@tensorflow/') ||
      (d === 'node:worker_threads' && file.startsWith('src/main/engine/parallel/'))
    expect(violations((f) => f.startsWith('src/main/engine/'), ok)).toEqual([])
  })

  it('only the Electron entry files and the preload import electron', () => {
    const electronFiles = new Set([
      'src/main/index.ts',
      'src/main/window.ts',
      'src/main/security.ts',
      'src/main/rpc/electron-ipc.ts',
      'src/preload/index.ts'
    ])
    expect(
      violations(
        (f) => !electronFiles.has(f),
        (d) => d !== 'electron'
      )
    ).toEqual([])
  })

  it('code outside the engine reaches it only through its entry, spelt one way (`…/engine`, i.e. engine/index.ts)', () => {
    const ok = (d: string): boolean => !d.startsWith('src/main/engine/')
    const outside = (f: string): boolean =>
      f.startsWith('src/main/') && !f.startsWith('src/main/engine/') && !f.startsWith('src/main/bench/')
    expect(violations(outside, ok)).toEqual([])
  })

  it('io and store do not reach into services, rpc or the engine', () => {
    const ok = (d: string): boolean => !/^src\/main\/(services|rpc|engine|fit-host)(\/|$)/.test(d)
    expect(violations((f) => /^src\/main\/(io|store)\//.test(f), ok)).toEqual([])
  })

  // One rule per top-level folder of src/main: what each may import. "Below services" = analysis, model-files,
  // io, store, fit-host and the engine: none of them may reach up into services, rpc or the CLI.
  const mainFolders = readdirSync(join(src, 'main')).filter((n) => statSync(join(src, 'main', n)).isDirectory())
  const folderOf = (p: string): string | null => {
    const name = /^src\/main\/([^/]+)/.exec(p)?.[1]
    return name !== undefined && mainFolders.includes(name) ? name : null
  }
  const allowedFolders: Record<string, { may: string[]; why: string }> = {
    engine: { may: ['engine'], why: 'a plain numerical library (its own rule above)' },
    analysis: { may: ['analysis', 'engine'], why: 'pure functions over simulated and recorded trials' },
    'model-files': {
      may: ['model-files', 'engine', 'io'],
      why: 'file formats: model HDF5, NWB writer, provenance, checkpoints'
    },
    io: { may: ['io'], why: 'readers of recordings: files only' },
    store: { may: ['store'], why: 'SQLite only' },
    'fit-host': { may: ['fit-host', 'engine'], why: 'runs the engine in a worker; knows no store or services' },
    services: {
      may: ['services', 'analysis', 'model-files', 'io', 'store', 'fit-host', 'engine'],
      why: 'the application'
    },
    rpc: { may: ['rpc', 'services'], why: 'transports over one dispatch' },
    cli: {
      may: ['cli', 'rpc', 'services', 'model-files'],
      why: 'a client of the API (services only to build the container)'
    },
    bench: {
      may: ['bench', 'engine', 'io', 'services', 'fit-host', 'analysis', 'model-files', 'store', 'rpc'],
      why: 'measurement scripts, built apart'
    },
    tools: { may: ['tools', 'io', 'services'], why: 'data-generation tools (make-example), built apart' }
  }

  it('every top-level folder of src/main has a rule', () => {
    expect(mainFolders.filter((d) => !(d in allowedFolders))).toEqual([])
  })

  for (const [folder, rule] of Object.entries(allowedFolders)) {
    it(`src/main/${folder}/ (${rule.why}) imports only ${rule.may.join(', ')} within src/main`, () => {
      const ok = (d: string): boolean => {
        if (!d.startsWith('src/main/')) return true
        const target = folderOf(d)
        // Top-level files of src/main: paths.ts is shared configuration; the entries (index, serve, cli) import nobody's.
        if (target === null) return d === 'src/main/paths' && ['services', 'cli', 'rpc', 'bench'].includes(folder)
        return rule.may.includes(target)
      }
      expect(violations((f) => f.startsWith(`src/main/${folder}/`), ok)).toEqual([])
    })
  }

  it('nothing below services imports services', () => {
    const below = ['analysis', 'model-files', 'io', 'store', 'fit-host', 'engine']
    const bad = (d: string): boolean => /^src\/main\/(services|rpc|cli)(\/|$)/.test(d)
    expect(
      violations(
        (f) => below.includes(folderOf(f) ?? ''),
        (d) => !bad(d)
      )
    ).toEqual([])
  })

  it('packages used by main exist in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string>>
    const declared = new Set(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies }))
    const bare = all.flatMap((f) => f.deps.filter(isPackage)).filter((d) => !d.startsWith('node:'))
    const names = bare.map((d) => (d.startsWith('@') ? d.split('/').slice(0, 2).join('/') : (d.split('/')[0] ?? d)))
    expect([...new Set(names)].filter((n) => !declared.has(n) && n !== 'svelte')).toEqual([])
  })
})
