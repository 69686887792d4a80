// Builds the measurement and data-generation tools (npm run bench…, make-example) apart from the app's bundle:
// the same Node target and aliases as the app's main build, written beside it in out/main (their workers,
// engine-worker.js and shard-worker.js, come from the app build there), without emptying it first.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'

const toolEntries: Record<string, string> = {
  bench: resolve(__dirname, 'src/main/bench/bench-step.ts'),
  'bench-fit': resolve(__dirname, 'src/main/bench/bench-fit.ts'),
  'bench-cutoff': resolve(__dirname, 'src/main/bench/bench-cutoff.ts'),
  'bench-tm-vs-psth': resolve(__dirname, 'src/main/bench/bench-tm-vs-psth.ts'),
  'bench-timescale': resolve(__dirname, 'src/main/bench/bench-timescale.ts'),
  'bench-perturb': resolve(__dirname, 'src/main/bench/bench-perturb.ts'),
  'bench-import': resolve(__dirname, 'src/main/bench/bench-import.ts'),
  'bench-trial-structure': resolve(__dirname, 'src/main/bench/bench-trial-structure.ts'),
  'make-example': resolve(__dirname, 'src/main/tools/make-example.ts')
}

export default defineConfig({
  main: {
    resolve: { alias: { '@shared': resolve(__dirname, 'src/shared') } },
    build: {
      outDir: 'out/main',
      emptyOutDir: false,
      rollupOptions: {
        input: Object.fromEntries(Object.entries(toolEntries).filter(([, p]) => existsSync(p))),
        output: { chunkFileNames: 'chunks/tool-[name]-[hash].js' }
      }
    }
  }
})
