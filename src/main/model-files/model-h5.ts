// The fitted-model HDF5 file (format 1.x, docs/model-format.md): parameters with units, structure maps,
// configuration and provenance as JSON, and the Trainer state bytes; plus a JSON sidecar. Write and read.
import { writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { AppError } from '@shared/contract/errors'
import type { ModelParams } from '../engine'
import { planOutputs, writeAtomically } from './atomic-output'
import { h5, setAttr, writeArray, type H5File } from './h5'
import { readModelContent } from './model-h5-read'
import { MODEL_FORMAT_TAG, MODEL_FORMAT_VERSION, sidecarPath, type ModelFileContent } from './model-format'

/**
 * Writes `content` to `path` (HDF5) and its JSON sidecar, atomically: nothing is left behind on failure.
 * Refuses a missing or read-only folder, and an existing file unless `force`. Returns the written paths.
 */
export async function writeModelFile(
  path: string,
  content: ModelFileContent,
  opts: { force?: boolean } = {}
): Promise<{ path: string; sidecarPath: string }> {
  checkParams(content.params, path)
  const plan = planOutputs([path, sidecarPath(path)], opts.force ?? false)
  const mod = await h5()
  await writeAtomically(plan, async ([h5Temp, jsonTemp]) => {
    const f = new mod.File(h5Temp!, 'w')
    try {
      writeContent(f, content)
    } finally {
      f.close()
    }
    writeFileSync(jsonTemp!, JSON.stringify(sidecar(content, basename(plan[0]!.target)), null, 2) + '\n')
  })
  return { path: plan[0]!.target, sidecarPath: plan[1]!.target }
}

/** Reads and validates a model file; errors name the file and the missing/bad HDF5 path. */
export async function readModelFile(path: string): Promise<ModelFileContent> {
  return readModelContent(path, await h5())
}

function writeContent(f: H5File, c: ModelFileContent): void {
  setAttr(f, 'rsnn_studio_format', MODEL_FORMAT_TAG)
  setAttr(f, 'format_version', MODEL_FORMAT_VERSION)
  setAttr(f, 'app_version', c.provenance.appVersion)
  setAttr(f, 'created', c.provenance.exportedAt)
  writeArray(f, 'config', JSON.stringify(c.config), null, {
    media_type: 'application/json',
    description: 'full fit configuration (FitConfig, defaults resolved)'
  })
  const prov = writeArray(f, 'provenance', JSON.stringify(c.provenance), null, {
    media_type: 'application/json',
    description: 'where this model came from'
  })
  setAttr(prov, 'run_id', c.provenance.runId)
  setAttr(prov, 'seed', c.provenance.seed)
  setAttr(prov, 'steps', c.provenance.steps)
  setAttr(prov, 'engine_backend', c.provenance.engineBackend.name)

  const params = f.create_group('parameters')
  const names = Object.keys(c.params.arrays)
  setAttr(params, 'names', names)
  for (const name of names) {
    const a = c.params.arrays[name]!
    writeArray(params, name, a.data, a.shape, { unit: a.unit, description: a.description }, { deflate: true })
  }

  const s = f.create_group('structure')
  const p = c.params
  writeArray(s, 'areas', p.areas, null, { description: 'area names; neuron_area indexes this list' })
  writeArray(s, 'neuron_area', p.neuronArea, [p.neuronArea.length], {
    unit: 'index',
    description: 'area index per model neuron'
  })
  writeArray(s, 'neuron_inhibitory', p.neuronInhibitory, [p.neuronInhibitory.length], {
    unit: 'bool',
    description: '1 = inhibitory (Dale sign −), 0 = excitatory'
  })
  writeArray(s, 'neuron_session', p.neuronMap.session, [p.neuronMap.session.length], {
    unit: 'index',
    description: 'recorded session (index into recorded_sessions) per model neuron, −1 = unrecorded'
  })
  writeArray(s, 'neuron_unit', p.neuronMap.unit, [p.neuronMap.unit.length], {
    unit: 'index',
    description: 'recorded unit (index inside its session) per model neuron, −1 = unrecorded'
  })
  if (p.lightRank)
    writeArray(s, 'neuron_light_rank', p.lightRank, [p.lightRank.length], {
      unit: 'rank',
      description:
        "light-sensitive rank inside the neuron's (area, E/I) population, fixed by the seed: in-silico optogenetics at fraction f drives rank < round(f · population size)"
    })
  writeArray(s, 'recorded_sessions', JSON.stringify(c.recordedSessions), null, {
    media_type: 'application/json',
    description: 'sessions with source file and unit source ids'
  })
  writeArray(s, 'split', JSON.stringify(c.split), null, {
    media_type: 'application/json',
    description: 'held-out trial indices per session'
  })

  const st = f.create_group('state')
  writeArray(
    st,
    'trainer',
    c.state,
    [c.state.length],
    {
      description: 'Trainer.saveState() bytes: params + optimiser + RNG + step (engine-versioned)',
      engine_backend: c.provenance.engineBackend.name
    },
    { deflate: true }
  )
}

function sidecar(c: ModelFileContent, modelFile: string): Record<string, unknown> {
  return {
    format: MODEL_FORMAT_TAG,
    formatVersion: MODEL_FORMAT_VERSION,
    modelFile,
    provenance: c.provenance,
    config: c.config,
    structure: {
      areas: c.params.areas,
      nNeurons: c.params.neuronArea.length,
      nInhibitory: c.params.neuronInhibitory.reduce((s, v) => s + v, 0),
      nRecordedNeurons: c.params.neuronMap.unit.reduce((s, v) => s + (v >= 0 ? 1 : 0), 0)
    },
    parameters: Object.entries(c.params.arrays).map(([name, a]) => ({
      name,
      shape: a.shape,
      unit: a.unit,
      description: a.description
    }))
  }
}

/** Refuses inconsistent params before any file is created. */
function checkParams(p: ModelParams, file: string): void {
  const n = p.neuronArea.length
  const sameN = [p.neuronInhibitory.length, p.neuronMap.session.length, p.neuronMap.unit.length].every((l) => l === n)
  if (!sameN) throw new AppError('SHAPE_MISMATCH', 'neuron maps differ in length', { file, field: 'structure' })
  for (const [name, a] of Object.entries(p.arrays)) {
    if (!/^[A-Za-z0-9_]+$/.test(name))
      throw new AppError('BAD_VALUE', 'parameter names must be [A-Za-z0-9_]', { file, field: name })
    const size = a.shape.reduce((x, y) => x * y, 1)
    if (size !== a.data.length)
      throw new AppError('SHAPE_MISMATCH', `shape [${a.shape.join(', ')}] does not match ${a.data.length} values`, {
        file,
        field: `/parameters/${name}`
      })
  }
}
