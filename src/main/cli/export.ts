// `rsnn export RUN --model out.h5 --trials out.nwb [--n-trials N]` and `rsnn import-model FILE`: the exports
// service from the command line. Both targets are checked before anything is written; if the second export
// fails, the first one's new files are removed again, so a failed command leaves nothing behind.
import { existsSync, rmSync } from 'node:fs'
import { AppError } from '@shared/contract/errors'
import type { CheckpointRef } from '@shared/domain/comparison'
import { planOutputs } from '../export/atomic-output'
import { sidecarPath } from '../export/model-format'
import { numberOption } from './args'
import type { CliCommand } from './command'

function checkpointRef(v: unknown): CheckpointRef {
  if (v === undefined || v === 'best' || v === 'last') return v ?? 'best'
  const n = numberOption(String(v), '--checkpoint')
  if (!Number.isInteger(n) || n < 0) throw new AppError('INVALID_INPUT', `"${String(v)}" is not best, last or a step number`, { field: '--checkpoint' })
  return n
}

export const exportCommand: CliCommand = {
  summary: 'export a fitted model (HDF5 + JSON sidecar) and/or generated trials (NWB)',
  usage: 'RUN [--model out.h5] [--trials out.nwb] [--n-trials N] [--checkpoint best|last|STEP] [--seed S] [--force] [--json]',
  options: {
    model: { type: 'string' },
    trials: { type: 'string' },
    'n-trials': { type: 'string' },
    checkpoint: { type: 'string' },
    seed: { type: 'string' },
    force: { type: 'boolean' }
  },
  async run(ctx, { positionals, values }) {
    const runId = positionals[0]
    if (!runId || positionals.length > 1) throw new AppError('INVALID_INPUT', 'give exactly one run id', { field: 'RUN' })
    const model = values['model'] as string | undefined
    const trials = values['trials'] as string | undefined
    if (!model && !trials) throw new AppError('INVALID_INPUT', 'nothing to export: give --model FILE and/or --trials FILE', { field: '--model' })
    const force = values['force'] === true
    const checkpoint = checkpointRef(values['checkpoint'])
    const nPerCondition = values['n-trials'] !== undefined ? numberOption(String(values['n-trials']), '--n-trials') : 50
    const seed = values['seed'] !== undefined ? numberOption(String(values['seed']), '--seed') : 1
    // Refuse a missing/read-only folder or a name clash of any target before writing any of them.
    const targets = [...(model ? [model, sidecarPath(model)] : []), ...(trials ? [trials] : [])]
    const planned = planOutputs(targets, force)
    const fresh = planned.filter((p) => !existsSync(p.target)).map((p) => p.target)
    const result: Record<string, unknown> = { name: 'export-result', run: runId }
    try {
      if (model) {
        const r = await ctx.api['exports.model']({ runId, path: model, checkpoint, force })
        result['model'] = r
        if (!ctx.json) ctx.out.line(`model (step ${r.checkpointStep}, ${r.parameters.length} arrays, ${r.bytes} bytes) → ${r.path}\n  sidecar → ${r.sidecarPath}`)
      }
      if (trials) {
        const r = await ctx.api['exports.trials']({ runId, path: trials, checkpoint, nPerCondition, seed, force })
        result['trials'] = r
        if (!ctx.json) ctx.out.line(`${r.nTrials} generated trials × ${r.nUnits} units (step ${r.checkpointStep}) → ${r.path}`)
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
    if (!path || positionals.length > 1) throw new AppError('INVALID_INPUT', 'give exactly one model file', { field: 'FILE' })
    const name = values['name'] as string | undefined
    const r = await ctx.api['exports.importModel']({ path, ...(name ? { name } : {}) })
    if (ctx.json) {
      ctx.out.line(JSON.stringify({ name: 'import-model-result', ...r }))
      return
    }
    ctx.out.line(`imported as run ${r.runId} (dataset ${r.datasetId}, step ${r.step}); evaluate with \`eval ${r.runId}\`, fine-tune with \`resume ${r.runId} --steps N\``)
    for (const w of r.warnings) ctx.out.line(`  note: ${w}`)
  }
}
