// Checkpoint files (HDF5 via h5wasm): the trainer's state bytes plus readable parameters, written to a temp
// file, fsynced and renamed so a reader never sees a partial file; read back with size and hash checks.
import { createHash } from 'node:crypto'
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { AppError } from '@shared/contract/errors'
import type { ModelParams } from '../engine'
import { closeQuietly, h5lib, h5Read, wrapH5Error } from '../io/h5/h5lib'
import { tempPathFor } from '../io/temp-files'

/** Root attribute `format` of a checkpoint file, and the layout version written here. */
export const CHECKPOINT_FORMAT = 'rsnn-studio-checkpoint'
export const CHECKPOINT_VERSION = 1

type H5Module = Awaited<ReturnType<typeof h5lib>>
const h5 = h5lib

export interface CheckpointContent {
  runId: string
  step: number
  appVersion: string
  evalLoss: number | null
  /** Trainer.saveState() bytes. */
  state: Uint8Array
  params: ModelParams
}

/**
 * Writes a complete checkpoint file atomically (temp file + fsync + rename).
 * @returns size in bytes and sha256 (hex) of the final file
 */
export async function writeCheckpointFile(
  path: string,
  c: CheckpointContent
): Promise<{ bytes: number; sha256: string }> {
  const lib = await h5()
  const tmp = tempPathFor(path)
  try {
    const f = new lib.File(tmp, 'w')
    try {
      f.create_attribute('format', CHECKPOINT_FORMAT)
      f.create_attribute('format_version', CHECKPOINT_VERSION)
      f.create_attribute('run_id', c.runId)
      f.create_attribute('step', c.step)
      f.create_attribute('app_version', c.appVersion)
      f.create_attribute('areas_json', JSON.stringify(c.params.areas))
      if (c.evalLoss !== null) f.create_attribute('eval_loss', c.evalLoss)
      f.create_dataset({ name: 'state', data: c.state, shape: [c.state.length], dtype: '<B' })
      const g = f.create_group('params')
      for (const [name, arr] of Object.entries(c.params.arrays)) {
        const d = g.create_dataset({ name, data: arr.data, shape: arr.data.length ? arr.shape : [0], dtype: '<f' })
        d.create_attribute('unit', arr.unit)
        d.create_attribute('description', arr.description)
      }
      const n = f.create_group('neurons')
      n.create_dataset({ name: 'area', data: c.params.neuronArea, shape: [c.params.neuronArea.length], dtype: '<i' })
      n.create_dataset({
        name: 'inhibitory',
        data: c.params.neuronInhibitory,
        shape: [c.params.neuronInhibitory.length],
        dtype: '<B'
      })
      n.create_dataset({
        name: 'session',
        data: c.params.neuronMap.session,
        shape: [c.params.neuronMap.session.length],
        dtype: '<i'
      })
      n.create_dataset({
        name: 'unit',
        data: c.params.neuronMap.unit,
        shape: [c.params.neuronMap.unit.length],
        dtype: '<i'
      })
      if (c.params.lightRank)
        n.create_dataset({
          name: 'light_rank',
          data: c.params.lightRank,
          shape: [c.params.lightRank.length],
          dtype: '<i'
        })
    } finally {
      f.close()
    }
    const fd = openSync(tmp, 'r+')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    const bytes = statSync(tmp).size
    const sha256 = createHash('sha256').update(readFileSync(tmp)).digest('hex')
    renameSync(tmp, path)
    return { bytes, sha256 }
  } catch (err) {
    rmSync(tmp, { force: true })
    if (err instanceof AppError) throw err
    throw new AppError('IO_ERROR', `cannot write the checkpoint: ${(err as Error).message}`, { file: path })
  }
}

/**
 * Checks that a checkpoint file is exactly the one registered (size and sha256) before h5wasm opens it, so
 * a truncated or altered file is refused with a clear reason rather than read as garbage.
 */
export function verifyCheckpointFile(path: string, expected: { bytes: number; sha256: string }): void {
  let buf: Buffer
  try {
    buf = readFileSync(path)
  } catch {
    throw new AppError('NOT_FOUND', 'the checkpoint file is missing', { file: path })
  }
  if (buf.length !== expected.bytes) {
    throw new AppError(
      'HDF5_TRUNCATED',
      `the checkpoint file has ${buf.length} bytes, ${expected.bytes} were written`,
      { file: path }
    )
  }
  if (createHash('sha256').update(buf).digest('hex') !== expected.sha256) {
    throw new AppError('HDF5_UNREADABLE', 'the checkpoint file changed since it was written (sha256 differs)', {
      file: path
    })
  }
}

/** Reads the trainer state bytes of a verified checkpoint. */
export async function readCheckpointState(
  path: string,
  expected: { bytes: number; sha256: string }
): Promise<Uint8Array> {
  verifyCheckpointFile(path, expected)
  const lib = await h5()
  const f = openCheckpoint(lib, path)
  try {
    checkFormat(f, path)
    const d = f.get('state')
    if (!(d instanceof lib.Dataset))
      throw new AppError('FIELD_MISSING', 'no trainer state', { file: path, field: '/state' })
    return new Uint8Array(h5Read(path, '/state', () => d.value as Uint8Array))
  } catch (err) {
    throw wrapH5Error(err, path)
  } finally {
    closeQuietly(f)
  }
}

/** Reads the readable parameters of a checkpoint (for exports, comparisons and inspection). */
export async function readCheckpointParams(path: string): Promise<ModelParams> {
  const lib = await h5()
  const f = openCheckpoint(lib, path)
  try {
    checkFormat(f, path)
    const read = <T>(p: string): T => {
      const d = f.get(p)
      if (!(d instanceof lib.Dataset))
        throw new AppError('FIELD_MISSING', 'dataset missing', { file: path, field: `/${p}` })
      return h5Read(path, `/${p}`, () => d.value as T)
    }
    const g = f.get('params')
    if (!(g instanceof lib.Group))
      throw new AppError('FIELD_MISSING', 'group missing', { file: path, field: '/params' })
    const arrays: ModelParams['arrays'] = {}
    for (const name of g.keys()) {
      const d = g.get(name)
      if (!(d instanceof lib.Dataset)) continue
      arrays[name] = {
        data: new Float32Array(h5Read(path, `/params/${name}`, () => d.value as Float32Array)),
        shape: [...(d.shape ?? [])],
        unit: String(d.attrs['unit']?.value ?? ''),
        description: String(d.attrs['description']?.value ?? '')
      }
    }
    return {
      arrays,
      neuronArea: new Int32Array(read<Int32Array>('neurons/area')),
      neuronInhibitory: new Uint8Array(read<Uint8Array>('neurons/inhibitory')),
      neuronMap: {
        session: new Int32Array(read<Int32Array>('neurons/session')),
        unit: new Int32Array(read<Int32Array>('neurons/unit'))
      },
      areas: JSON.parse(String(f.attrs['areas_json']?.value ?? '[]')) as string[],
      // Absent in checkpoints written before the light-sensitive order existed (the state then keeps the seed's).
      ...(f.get('neurons/light_rank') ? { lightRank: new Int32Array(read<Int32Array>('neurons/light_rank')) } : {})
    }
  } catch (err) {
    throw wrapH5Error(err, path)
  } finally {
    closeQuietly(f)
  }
}

function openCheckpoint(lib: H5Module, path: string): InstanceType<H5Module['File']> {
  try {
    return new lib.File(path, 'r')
  } catch (err) {
    throw wrapH5Error(err, path)
  }
}

function checkFormat(f: InstanceType<H5Module['File']>, path: string): void {
  const format = f.attrs['format']?.value
  if (format !== CHECKPOINT_FORMAT) {
    throw new AppError('FORMAT_UNSUPPORTED', 'not an RSNN Studio checkpoint', { file: path, field: '/@format' })
  }
  const version = Number(f.attrs['format_version']?.value)
  if (version > CHECKPOINT_VERSION) {
    throw new AppError(
      'FORMAT_UNSUPPORTED',
      `checkpoint format v${version} is newer than this app (v${CHECKPOINT_VERSION})`,
      { file: path, field: '/@format_version' }
    )
  }
}
