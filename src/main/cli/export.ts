// `rsnn export RUN --model out.h5 --trials out.nwb [--n-trials N] [--tables DIR] [--figures DIR]` and
// `rsnn import-model FILE`: the exports service and the comparison views' tables/figures from the command line.
// Every target is checked before anything is written; if a later export fails, the earlier ones' new files are
// removed again, so a failed command leaves nothing behind.
import { existsSync, rmSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { AppError } from '@shared/contract/errors'
import type { CheckpointRef } from '@shared/domain/comparison'
import { planOutputs } from '../model-files/atomic-output'
import { sidecarPath } from '../model-files/model-format'
import { refuseInsideStore } from '../model-files/store-guard'
import { buildReport, writeReport, type ReportFile } from './report/report'
import { numberOption } from './args'
import { METADATA_USAGE, metadataFromArgs, metadataOptions } from './metadata-options'
import type { CliCommand } from './command'

function checkpointRef(v: unknown): CheckpointRef {
  if (v === undefined || v === 'best' || v === 'last') return v ?? 'best'
  const n = numberOption(String(v), '--checkpoint')
  if (!Number.isInteger(n) || n < 0)
    throw new AppError('INVALID_INPUT', `"${String(v)}" is not best, last or a step number`, { field: '--checkpoint' })
  return n
}

export const exportCommand: CliCommand = {
  summary:
    'export a fitted model (HDF5 + JSON sidecar), generated trials (NWB), view tables (CSV) and/or figures (SVG)',
  usage:
    'RUN [--model out.h5] [--trials out.nwb] [--n-trials N] [--tables DIR] [--figures DIR] [--checkpoint best|last|STEP] [--seed S] [--force] [--json]\n' +
    '    --tables DIR   one CSV per view table, units in the column names: trial-features, matched-pairs, trial-type-mix,\n' +
    '                   jaw-per-outcome, connectivity, loss-curves, held-out-metrics\n' +
    '    --figures DIR  standalone SVG figures: loss-curves, population-activity, trial-type-mix, jaw-per-outcome,\n' +
    '                   connectivity\n' +
    '                   (the jaw files only when the dataset has a jaw trace; --seed picks the generated trials)\n' +
    `    --trials: subject and session metadata come from the recordings; where they have none: ${METADATA_USAGE}\n` +
    '    folders must exist and be writable; existing files are refused unless --force; nothing is left half-written',
  options: {
    model: { type: 'string' },
    trials: { type: 'string' },
    tables: { type: 'string' },
    figures: { type: 'string' },
    'n-trials': { type: 'string' },
    checkpoint: { type: 'string' },
    seed: { type: 'string' },
    force: { type: 'boolean' },
    ...metadataOptions
  },
  async run(ctx, { positionals, values }) {
    const runId = positionals[0]
    if (!runId || positionals.length > 1)
      throw new AppError('INVALID_INPUT', 'give exactly one run id', { field: 'RUN' })
    const model = values['model'] as string | undefined
    const trials = values['trials'] as string | undefined
    const tablesDir = values['tables'] as string | undefined
    const figuresDir = values['figures'] as string | undefined
    if (!model && !trials && tablesDir === undefined && figuresDir === undefined) {
      throw new AppError(
        'INVALID_INPUT',
        'nothing to export: give --model FILE, --trials FILE, --tables DIR and/or --figures DIR',
        { field: '--model' }
      )
    }
    const force = values['force'] === true
    const metadata = metadataFromArgs(values)
    const checkpoint = checkpointRef(values['checkpoint'])
    const nPerCondition = values['n-trials'] !== undefined ? numberOption(String(values['n-trials']), '--n-trials') : 50
    const seed = values['seed'] !== undefined ? numberOption(String(values['seed']), '--seed') : 1
    // Nothing inside the store, checked before anything runs: building the report reads the dataset through
    // datasets.show, which caches the data's ceilings in the store's database.
    const asked = [model, trials, tablesDir, figuresDir].filter((p): p is string => p !== undefined)
    refuseInsideStore(asked, ctx.container.paths.dataDir)
    // The report is rendered in memory first, so its file names are known when the targets are checked.
    let report: ReportFile[] = []
    let reportStep: number | undefined
    if (tablesDir !== undefined || figuresDir !== undefined) {
      const r = await buildReport(ctx.api, {
        runId,
        checkpoint,
        seed,
        ...(tablesDir !== undefined ? { tablesDir } : {}),
        ...(figuresDir !== undefined ? { figuresDir } : {})
      })
      report = r.files
      reportStep = r.checkpointStep
    }
    // Refuse a missing/read-only folder or a name clash of any target before writing any of them.
    const targets = [
      ...(model ? [model, sidecarPath(model)] : []),
      ...(trials ? [trials] : []),
      ...report.map((f) => f.path)
    ]
    refuseInsideStore(targets, ctx.container.paths.dataDir)
    const planned = planOutputs(targets, force)
    const fresh = planned.filter((p) => !existsSync(p.target)).map((p) => p.target)
    const result: Record<string, unknown> = { name: 'export-result', run: runId }
    try {
      if (model) {
        const r = await ctx.api['exports.model']({ runId, path: model, checkpoint, force })
        result['model'] = r
        if (!ctx.json)
          ctx.out.line(
            `model (step ${r.checkpointStep}, ${r.parameters.length} arrays, ${r.bytes} bytes) → ${r.path}\n  sidecar → ${r.sidecarPath}`
          )
      }
      if (trials) {
        const r = await ctx.api['exports.trials']({
          runId,
          path: trials,
          checkpoint,
          nPerCondition,
          seed,
          force,
          metadata
        })
        result['trials'] = r
        if (!ctx.json) {
          ctx.out.line(`${r.nTrials} generated trials × ${r.nUnits} units (step ${r.checkpointStep}) → ${r.path}`)
          r.warnings.forEach((w) => ctx.out.warn(w))
        }
      }
      if (report.length > 0) {
        await writeReport(report, force)
        const list = (kind: ReportFile['kind']): string[] =>
          report.filter((f) => f.kind === kind).map((f) => resolve(f.path))
        result['report'] = { checkpointStep: reportStep, tables: list('table'), figures: list('figure') }
        if (!ctx.json) {
          for (const kind of ['table', 'figure'] as const) {
            const files = list(kind)
            if (files.length > 0)
              ctx.out.line(
                `${files.length} ${kind}s (step ${reportStep}) → ${dirname(files[0]!)}: ${files.map((f) => basename(f)).join(', ')}`
              )
          }
        }
      }
    } catch (err) {
      for (const f of fresh) rmSync(f, { force: true })
      throw err
    }
    if (ctx.json) ctx.out.line(JSON.stringify(result))
  }
}

export const importModelCommand: CliCommand = {
  summary: 'load an exported model file back as a run (its dataset must be in the store)',
  usage: 'FILE [--name N] [--json]',
  options: { name: { type: 'string' } },
  async run(ctx, { positionals, values }) {
    const path = positionals[0]
    if (!path || positionals.length > 1)
      throw new AppError('INVALID_INPUT', 'give exactly one model file', { field: 'FILE' })
    const name = values['name'] as string | undefined
    const r = await ctx.api['exports.importModel']({ path, ...(name ? { name } : {}) })
    if (ctx.json) {
      ctx.out.line(JSON.stringify({ name: 'import-model-result', ...r }))
      return
    }
    ctx.out.line(
      `imported as run ${r.runId} (dataset ${r.datasetId}, step ${r.step}); evaluate with \`eval ${r.runId}\`, fine-tune with \`resume ${r.runId} --steps N\``
    )
    for (const w of r.warnings) ctx.out.line(`  note: ${w}`)
  }
}
