// Builds main (Electron entry + the Node entries that share its services), preload and the Svelte renderer.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

const shared = { '@shared': resolve(__dirname, 'src/shared') }

// Every Node entry point of the app's main process. serve/cli run under plain Node (no electron import). The
// benches and the example generator are built apart (electron.vite.tools.config.ts).
const allMainEntries: Record<string, string> = {
  index: resolve(__dirname, 'src/main/index.ts'),
  serve: resolve(__dirname, 'src/main/serve.ts'),
  cli: resolve(__dirname, 'src/main/cli.ts'),
  'engine-worker': resolve(__dirname, 'src/main/fit-host/engine-worker.ts'),
  'isolated-worker': resolve(__dirname, 'src/main/services/isolated/isolated-worker.ts'),
  'shard-worker': resolve(__dirname, 'src/main/engine/parallel/shard-worker.ts')
}
// Entries appear as their modules land; a missing optional entry must not break the build.
const mainEntries = Object.fromEntries(Object.entries(allMainEntries).filter(([, p]) => existsSync(p)))

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/main',
      rollupOptions: { input: mainEntries }
    }
  },
  preload: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias: shared },
    plugins: [svelte()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    }
  }
})
