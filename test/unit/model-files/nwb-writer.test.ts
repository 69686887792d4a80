// Generated-trials NWB: structure checked independently with Debian's python3-h5py (skipped, with a printed
// reason, where it is not installed), spike placement, and the refusals shared with the model export.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract/errors'
import { h5 } from '../../../src/main/model-files/h5'
import { trialTimes, writeGeneratedNwb } from '../../../src/main/model-files/nwb-writer'
import { attrReference, attrString, getNode, refPath } from '../../../src/main/io/h5/read'
import { nwbValidatorMissing, validateNwb } from '../../helpers/nwb-validator'
import { countOf, generatedFixture } from './nwb-fixture'
import { datasetConditions } from '@shared/domain/conditions'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-nwb-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const PY = '/usr/bin/python3'
const hasH5py = spawnSync(PY, ['-c', 'import h5py'], { encoding: 'utf8' }).status === 0
if (!hasH5py)
  console.log(
    'SKIPPED: h5py NWB structure check: Debian python3-h5py is not installed (apt-get install -y python3-h5py)'
  )

describe('generated-trials NWB writer', () => {
  it.skipIf(!hasH5py)('conforms to the NWB required fields, checked by h5py', async () => {
    const g = generatedFixture()
    const p = await writeGeneratedNwb(join(dir, 'gen.nwb'), g)
    const r = spawnSync(PY, [join(__dirname, 'nwb-check.py'), p], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout) as Record<string, unknown>
    expect(out['nwb_version']).toBe('2.7.0')
    expect(out['n_units']).toBe(5)
    expect(out['n_trials']).toBe(3)
    expect(out['spike_counts']).toEqual([0, 1, 2, 3, 4].map((n) => countOf(g, n)))
    expect(out['areas']).toEqual(['wS1', 'wS1', 'ALM', 'ALM', 'ALM'])
    expect(out['cell_types']).toEqual(['excitatory', 'inhibitory', 'excitatory', 'excitatory', 'inhibitory'])
    expect(out['recorded_unit']).toEqual(['s0:11', '', 's1:7', 's0:10', ''])
    expect(out['outcomes']).toEqual(['Hit', 'CR', 'Miss'])
    expect(out['conditions']).toEqual([1, 0, 1])
    expect(out['was_generated_by']).toEqual([['rsnn-studio', '0.1.0']])
    expect(out['jaw_samples']).toBe(12)
  })

  it.skipIf(nwbValidatorMissing !== null)(
    'validates against the NWB 2.7.0 schema (HDMF validator), with and without subject',
    async () => {
      const bare = await writeGeneratedNwb(join(dir, 'valid-bare.nwb'), generatedFixture())
      const g = generatedFixture()
      g.meta.session = {
        experimenter: ['Ada Lovelace'],
        institution: 'EPFL',
        lab: 'LCN',
        keywords: ['RSNN'],
        subject: { subjectId: 'm1', species: 'Mus musculus', sex: 'F', age: 'P60D' }
      }
      g.meta.provenance = { runId: 'r1', checkpointSha256: 'ab' }
      const full = await writeGeneratedNwb(join(dir, 'valid-full.nwb'), g)
      const { ok, report } = validateNwb(bare, full)
      expect(ok, report).toBe(true)
    }
  )

  it('writes the trials’ outcome column in the dataset’s own condition labels (a two-alternative task)', async () => {
    const g = generatedFixture()
    g.outcome = Uint8Array.from([0, 1, 1])
    g.conditions = datasetConditions({ Hit: 'correct', Miss: 'incorrect' })
    const p = await writeGeneratedNwb(join(dir, 'labels.nwb'), g)
    const mod = await h5()
    const f = new mod.File(p, 'r')
    try {
      const outcome = f.get('intervals/trials/outcome') as unknown as { value: unknown }
      expect(outcome.value).toEqual(['correct', 'incorrect', 'incorrect'])
      expect(attrString(getNode(f, '/intervals/trials/outcome')!, 'description')).toMatch(/\(correct and incorrect\)$/)
    } finally {
      f.close()
    }
  })

  it('caches the namespaces it declares and writes an unsigned spike index and the session metadata', async () => {
    const g = generatedFixture()
    g.meta.session = {
      experimenter: ['A', 'B'],
      institution: 'EPFL',
      subject: { subjectId: 'm1', species: 'Mus musculus', sex: 'F', age: 'P60D' }
    }
    g.meta.provenance = { runId: 'r1', checkpointSha256: 'ab' }
    const p = await writeGeneratedNwb(join(dir, 'meta.nwb'), g)
    const mod = await h5()
    const f = new mod.File(p, 'r')
    try {
      const ds = (path: string): { value: unknown; dtype: unknown } =>
        f.get(path) as unknown as { value: unknown; dtype: unknown }
      expect(ds('units/spike_times_index').value).toBeInstanceOf(Uint32Array)
      expect(f.get('specifications/core/2.7.0/nwb.file')).not.toBeNull()
      const ns = JSON.parse(ds('specifications/core/2.7.0/namespace').value as string) as {
        namespaces: { name: string; version: string }[]
      }
      expect(ns.namespaces[0]).toMatchObject({ name: 'core', version: '2.7.0' })
      expect(f.get('specifications/hdmf-common/1.5.1/table')).not.toBeNull()
      expect(refPath(f, attrReference(f, '.specloc')!)).toBe('/specifications')
      expect(ds('general/experimenter').value).toEqual(['A', 'B'])
      expect(ds('general/institution').value).toBe('EPFL')
      expect(['subject_id', 'species', 'sex', 'age'].map((k) => ds(`general/subject/${k}`).value)).toEqual([
        'm1',
        'Mus musculus',
        'F',
        'P60D'
      ])
      expect(attrString(getNode(f, '/general/subject')!, 'neurodata_type')).toBe('Subject')
      expect(ds('general/notes').value).toBe('RSNN Studio provenance (JSON): {"runId":"r1","checkpointSha256":"ab"}')
    } finally {
      f.close()
    }
  })

  it('places every spike inside its own bin of its trial window', async () => {
    const g = generatedFixture()
    const p = await writeGeneratedNwb(join(dir, 'bins.nwb'), g)
    const mod = await h5()
    const f = new mod.File(p, 'r')
    try {
      const times = (f.get('units/spike_times') as unknown as { value: Float64Array }).value
      const ends = (f.get('units/spike_times_index') as unknown as { value: Uint32Array }).value
      const { align } = trialTimes(3, 4, g.binning)
      const rebinned = new Uint8Array(g.sim.spikes.length)
      let from = 0
      ends.forEach((end, n) => {
        for (let i = from; i < end; i++) {
          const k = align.findIndex(
            (a) => times[i]! >= a + g.binning.start && times[i]! < a + g.binning.start + 4 * g.binning.dt
          )
          const t = Math.floor((times[i]! - (align[k]! + g.binning.start)) / g.binning.dt)
          rebinned[(k * 4 + t) * 5 + n]!++
        }
        from = end
      })
      expect(Array.from(rebinned)).toEqual(Array.from(g.sim.spikes))
    } finally {
      f.close()
    }
  })

  it('omits the jaw when the dataset has no behaviour', async () => {
    const g = generatedFixture()
    g.includeJaw = false
    const p = await writeGeneratedNwb(join(dir, 'nojaw.nwb'), g)
    const mod = await h5()
    const f = new mod.File(p, 'r')
    expect(f.get('processing/behavior')).toBeNull()
    f.close()
  })

  it('refuses a clash and inconsistent arrays, leaving nothing behind', async () => {
    const sub = mkdtempSync(join(dir, 'clash-'))
    writeFileSync(join(sub, 'a.nwb'), 'x')
    await expect(writeGeneratedNwb(join(sub, 'a.nwb'), generatedFixture())).rejects.toMatchObject({ code: 'CONFLICT' })
    const g = generatedFixture()
    g.outcome = new Uint8Array(2)
    const err = await writeGeneratedNwb(join(sub, 'b.nwb'), g).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).message).toContain('b.nwb')
    expect(readdirSync(sub)).toEqual(['a.nwb'])
  })
})
