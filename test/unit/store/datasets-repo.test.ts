// DatasetsRepo round-trip: insert → list/get/sessions/units/trials → rename → delete cascades.
import { describe, expect, it } from 'vitest'
import { openDb } from '../../../src/main/store/db'
import { DatasetsRepo, toSummary, type NewDataset } from '../../../src/main/store/datasets-repo'

const summary = (name: string, areas: Record<string, number>, jaw: boolean) => ({
  name,
  sourceFile: `${name}.nwb`,
  unitsPerArea: areas,
  trialsPerOutcome: { Hit: 1, Miss: 1, CR: 0, FA: 0 },
  window: { start: -0.2, stop: 1.2, dt: 0.002 },
  nUnits: Object.values(areas).reduce((a, b) => a + b, 0),
  nTrials: 2,
  behaviour: jaw ? ['jaw'] : []
})
const rec = (id: string, hash: string): NewDataset => ({
  id,
  name: `ds-${id}`,
  contentHash: hash,
  mapping: { align: 'stim' },
  h5File: `datasets/${id}.h5`,
  createdAt: `2025-01-0${id.length}T00:00:00Z`,
  files: [{ path: '/x/a.nwb', sha256: 'aa' }],
  sessions: [
    {
      summary: summary('s1', { wS1: 1, wM1: 1 }, false),
      units: [
        { sourceId: 7, area: 'wS1', type: 'E', firingRateHz: 3.5 },
        { sourceId: 9, area: 'wM1', type: 'I', firingRateHz: 20 }
      ],
      trials: [
        { sourceIndex: 0, outcome: 'Hit', stimulus: 4, alignTime: 1.5 },
        { sourceIndex: 2, outcome: 'Miss', stimulus: 1, alignTime: 9 }
      ]
    },
    { summary: summary('s2', { ALM: 0 }, true), units: [], trials: [] }
  ]
})

describe('DatasetsRepo', () => {
  it('round-trips a dataset and cascades deletes', () => {
    const db = openDb(':memory:')
    const repo = new DatasetsRepo(db)
    db.transaction(() => repo.insert(rec('a', 'h1')))()
    db.transaction(() => repo.insert(rec('bb', 'h2')))()
    expect(toSummary(repo.get('a')!)).toEqual({
      id: 'a',
      name: 'ds-a',
      sessions: 2,
      areas: ['ALM', 'wM1', 'wS1'],
      nUnits: 2,
      nTrials: 4,
      createdAt: '2025-01-01T00:00:00Z',
      hasBehaviour: true
    })
    expect(repo.list().map((r) => r.id)).toEqual(['bb', 'a'])
    expect(repo.findByHash('h2')?.id).toBe('bb')
    expect(repo.sessions('a').map((s) => s.name)).toEqual(['s1', 's2'])
    expect(repo.units('a', 0)).toEqual(rec('a', 'h1').sessions[0]!.units)
    expect(repo.trials('a', 0)).toEqual(rec('a', 'h1').sessions[0]!.trials)
    expect(repo.files('a')).toEqual([{ path: '/x/a.nwb', sha256: 'aa' }])
    repo.rename('a', 'new')
    expect(repo.findByName('new').map((r) => r.id)).toEqual(['a'])
    repo.delete('a')
    for (const t of ['sessions', 'units', 'trials', 'dataset_files']) {
      expect(db.prepare(`SELECT COUNT(*) AS n FROM ${t} WHERE dataset_id = 'a'`).get()).toEqual({ n: 0 })
    }
    expect(repo.get('bb')).toBeDefined()
  })

  it('rejects a second dataset with the same content hash', () => {
    const repo = new DatasetsRepo(openDb(':memory:'))
    repo.insert(rec('a', 'same'))
    expect(() => repo.insert(rec('b', 'same'))).toThrow(/UNIQUE/)
  })
})
