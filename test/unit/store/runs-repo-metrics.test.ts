// Stored held-out metrics: a run stored before a metric existed still loads, with that metric null ("—").
import { describe, expect, it } from 'vitest'
import { metricsSchema } from '@shared/domain/fit'
import { fitConfigSchema } from '@shared/domain/model-config'
import { openDb } from '../../../src/main/store/db'
import { RunsRepo } from '../../../src/main/store/runs-repo'

// Metrics as a run stored them before the neural-only T'trial (no t_trial_neural_* keys).
const older = {
  t_trial_pearson: 0.55,
  t_trial_pearson_ceiling: 0.73,
  psth_pearson: 0.4,
  psth_pearson_ceiling: 0.5,
  psth_pearson_per_area: { wS1: 0.4 },
  trial_type_model: { Hit: 0.5, Miss: 0.5, CR: 0, FA: 0 },
  trial_type_data: { Hit: 0.5, Miss: 0.5, CR: 0, FA: 0 },
  jaw_pearson: null,
  lick_accuracy: 0.9,
  eval_loss: 3
}

describe('RunsRepo metrics', () => {
  it('loads a run whose stored metrics predate the neural-only T′trial: the new fields are null', () => {
    const db = openDb(':memory:')
    const repo = new RunsRepo(db)
    repo.create({
      id: 'r1',
      name: 'old run',
      datasetId: 'd',
      datasetName: 'ds',
      config: fitConfigSchema.parse({}),
      split: [],
      appVersion: '0.0.0',
      targetSteps: 10,
      timeLimitS: null,
      createdAt: '2026-01-01T00:00:00Z'
    })
    const json = JSON.stringify(older)
    db.prepare('INSERT INTO run_evaluations (run_id, step, eval_loss, metrics_json) VALUES (?, ?, ?, ?)').run(
      'r1',
      5,
      3,
      json
    )
    db.prepare('UPDATE runs SET metrics_json = ? WHERE id = ?').run(json, 'r1')
    for (const m of [repo.get('r1').summary.metrics, repo.list()[0]!.metrics, repo.evaluations('r1')[0]!.metrics]) {
      expect(metricsSchema.parse(m)).toEqual({
        ...older,
        t_trial_neural_pearson: null,
        t_trial_neural_pearson_ceiling: null
      })
    }
    db.close()
  })
})
