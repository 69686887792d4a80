// Reads a model file (format 1.x): checks the format tag and version, that every dataset exists, and
// that shapes and JSON blocks are consistent, before returning anything. Errors name file and HDF5 path.
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { ZodError } from 'zod'
import { AppError } from '@shared/contract/errors'
import { resolveFitConfig } from '@shared/domain/model-config'
import type { ModelParams, NamedArray } from '../engine'
import { closeQuietly, wrapH5Error } from '../io/h5/h5lib'
import { type h5, readNumbers, readText, readTextArray, requireDataset, requireTextAttr, type H5File } from './h5'
import { MODEL_FORMAT_TAG, MODEL_FORMAT_VERSION, REQUIRED_DATASETS, type ModelFileContent } from './model-format'
import { provenanceSchema, recordedSessionsSchema, splitSchema } from './provenance'

type H5wasm = Awaited<ReturnType<typeof h5>>
const SUPPORTED_MAJOR = Number(MODEL_FORMAT_VERSION.split('.')[0])

/** Reads and validates the model file at `path` with an initialised h5wasm module. */
export function readModelContent(path: string, mod: H5wasm): ModelFileContent {
  const file = resolve(path)
  if (!existsSync(file)) throw new AppError('NOT_FOUND', 'the model file does not exist', { file })
  checkSignature(file)
  let f: H5File
  try {
    f = new mod.File(file, 'r')
  } catch (err) {
    throw wrapH5Error(err, file)
  }
  try {
    return readOpen(f, file)
  } catch (err) {
    throw wrapH5Error(err, file)
  } finally {
    closeQuietly(f)
  }
}

function readOpen(f: H5File, file: string): ModelFileContent {
  const tag = f.attrs['rsnn_studio_format']?.value
  if (tag !== MODEL_FORMAT_TAG) {
    throw new AppError(
      'FORMAT_UNSUPPORTED',
      'not an RSNN Studio model file (root attribute rsnn_studio_format is not "rsnn-studio-model")',
      { file, field: '/@rsnn_studio_format' }
    )
  }
  const version = requireTextAttr(f, 'format_version', file)
  const major = Number(version.split('.')[0])
  if (!Number.isInteger(major) || major > SUPPORTED_MAJOR) {
    throw new AppError(
      'FORMAT_UNSUPPORTED',
      `written by a newer RSNN Studio (model format ${version}); this version reads format ${SUPPORTED_MAJOR}.x — update the app`,
      { file, field: '/@format_version' }
    )
  }
  for (const p of REQUIRED_DATASETS) requireDataset(f, p, file)

  const config = parseJson(f, '/config', file, (v) => resolveFitConfig(v), 'INVALID_SETTINGS')
  const provenance = parseJson(f, '/provenance', file, (v) => provenanceSchema.parse(v))
  const recordedSessions = parseJson(f, '/structure/recorded_sessions', file, (v) => recordedSessionsSchema.parse(v))
  const split = parseJson(f, '/structure/split', file, (v) => splitSchema.parse(v))

  const areas = readTextArray(requireDataset(f, '/structure/areas', file), file)
  const neuronArea = asInt32(f, '/structure/neuron_area', file)
  const n = neuronArea.length
  const neuronInhibitory = Uint8Array.from(numbersOfLength(f, '/structure/neuron_inhibitory', file, n))
  const session = asInt32(f, '/structure/neuron_session', file, n)
  const unit = asInt32(f, '/structure/neuron_unit', file, n)
  for (let i = 0; i < n; i++) {
    if (neuronArea[i]! < 0 || neuronArea[i]! >= areas.length) {
      throw new AppError(
        'INDEX_OUT_OF_RANGE',
        `neuron ${i} has area index ${neuronArea[i]} but there are ${areas.length} areas`,
        { file, field: '/structure/neuron_area' }
      )
    }
    if (session[i]! >= recordedSessions.length) {
      throw new AppError(
        'INDEX_OUT_OF_RANGE',
        `neuron ${i} links to session ${session[i]} but the file lists ${recordedSessions.length}`,
        { file, field: '/structure/neuron_session' }
      )
    }
  }

  // Optional (format 1.1): files written before the light-sensitive order existed keep the seed's, from the state.
  const lightRank = f.get('structure/neuron_light_rank')
    ? asInt32(f, '/structure/neuron_light_rank', file, n)
    : undefined
  const params: ModelParams = {
    arrays: readParameters(f, file),
    neuronArea,
    neuronInhibitory,
    neuronMap: { session, unit },
    areas,
    ...(lightRank ? { lightRank } : {})
  }
  const stateRaw = readNumbers(requireDataset(f, '/state/trainer', file), file)
  if (!(stateRaw instanceof Uint8Array))
    throw new AppError('BAD_VALUE', 'trainer state must be uint8 bytes', { file, field: '/state/trainer' })
  return { params, config, provenance, state: Uint8Array.from(stateRaw), recordedSessions, split }
}

function readParameters(f: H5File, file: string): Record<string, NamedArray> {
  const group = f.get('parameters')
  if (!group || (group as { type?: string }).type !== 'Group')
    throw new AppError('FIELD_MISSING', 'group /parameters is missing', { file, field: '/parameters' })
  const namesAttr = (group as unknown as H5File).attrs['names']?.value
  const names = Array.isArray(namesAttr) ? namesAttr : typeof namesAttr === 'string' ? [namesAttr] : null
  if (!names || !names.every((x): x is string => typeof x === 'string')) {
    throw new AppError('FIELD_MISSING', 'attribute names (the list of parameter datasets) is missing', {
      file,
      field: '/parameters/@names'
    })
  }
  const arrays: Record<string, NamedArray> = {}
  for (const name of names) {
    const path = `/parameters/${name}`
    const ds = requireDataset(f, path, file)
    const raw = readNumbers(ds, file)
    const data = Float32Array.from(raw)
    const shape = ds.shape ?? []
    if (shape.reduce((a, b) => a * b, 1) !== data.length)
      throw new AppError('SHAPE_MISMATCH', 'shape does not match the data', { file, field: path })
    arrays[name] = {
      data,
      shape: [...shape],
      unit: requireTextAttr(ds, 'unit', file),
      description: requireTextAttr(ds, 'description', file)
    }
  }
  return arrays
}

function parseJson<T>(
  f: H5File,
  path: string,
  file: string,
  parse: (v: unknown) => T,
  code: 'BAD_VALUE' | 'INVALID_SETTINGS' = 'BAD_VALUE'
): T {
  const text = readText(requireDataset(f, path, file), file)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new AppError('BAD_VALUE', 'not valid JSON', { file, field: path })
  }
  try {
    return parse(value)
  } catch (err) {
    const issue = err instanceof ZodError ? err.issues[0] : undefined
    const where = issue ? `${path}:${issue.path.join('.')}` : path
    throw new AppError(code, issue ? issue.message : String(err), { file, field: where })
  }
}

function numbersOfLength(f: H5File, path: string, file: string, n?: number): ArrayLike<number> {
  const v = readNumbers(requireDataset(f, path, file), file)
  if (n !== undefined && v.length !== n)
    throw new AppError('SHAPE_MISMATCH', `expected ${n} values (one per model neuron), found ${v.length}`, {
      file,
      field: path
    })
  return v
}

function asInt32(f: H5File, path: string, file: string, n?: number): Int32Array {
  return Int32Array.from(numbersOfLength(f, path, file, n))
}

/** HDF5 signature at offset 0 or a user-block offset (512 · 2^k); h5wasm may crash on garbage otherwise. */
function checkSignature(file: string): void {
  const sig = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]
  const size = statSync(file).size
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(8)
    for (let off = 0; off + 8 <= size; off = off === 0 ? 512 : off * 2) {
      readSync(fd, buf, 0, 8, off)
      if (sig.every((b, i) => buf[i] === b)) return
      if (off > 1 << 20) break
    }
  } finally {
    closeSync(fd)
  }
  throw new AppError('HDF5_UNREADABLE', 'not an HDF5 file (no HDF5 signature)', { file })
}
