// A dataset's condition labels: the detection task by default (older datasets too), a two-alternative task's own
// names when given, the file's own names only when each maps to a code of its own, and the CLI's parser.
import { describe, expect, it } from 'vitest'
import {
  conditionLabel,
  conditionLabelsSchema,
  conditionList,
  datasetConditions,
  detectionConditions,
  sourceConditionLabels
} from '@shared/domain/conditions'
import { sourceLabelsOf, type MappingGuess } from '@shared/domain/import-mapping'
import { parseConditionLabels } from '../../../src/main/cli/mapping-options'

describe('condition labels', () => {
  it('no labels (and labels equal to the code names) are the detection task: Hit, Miss, CR, FA', () => {
    for (const c of [datasetConditions(), datasetConditions(null), datasetConditions({ Hit: 'Hit', Miss: 'Miss' })]) {
      expect(c.detection).toBe(true)
      expect(c.used).toEqual(['Hit', 'Miss', 'CR', 'FA'])
      expect(conditionList(c)).toBe('Hit, Miss, CR and FA')
    }
    expect(conditionLabel(detectionConditions, 2)).toBe('CR')
    expect(conditionLabel(detectionConditions, 7)).toBe('code 7')
  })

  it('a two-alternative task reads its own names, only its conditions, and is not the detection task', () => {
    const c = datasetConditions({ Hit: 'correct', Miss: 'incorrect' })
    expect(c.detection).toBe(false)
    expect(c.used).toEqual(['Hit', 'Miss'])
    expect([conditionLabel(c, 0), conditionLabel(c, 'Miss')]).toEqual(['correct', 'incorrect'])
    expect(conditionList(c)).toBe('correct and incorrect')
  })

  it('refuses empty, duplicate and unknown-code labels', () => {
    expect(conditionLabelsSchema.safeParse({}).success).toBe(false)
    expect(conditionLabelsSchema.safeParse({ Hit: ' ' }).success).toBe(false)
    expect(conditionLabelsSchema.safeParse({ Hit: 'left', Miss: 'left' }).success).toBe(false)
    expect(conditionLabelsSchema.safeParse({ Left: 'left' }).success).toBe(false)
    expect(conditionLabelsSchema.parse({ Hit: ' left ', Miss: 'right' })).toEqual({ Hit: 'left', Miss: 'right' })
  })

  it('takes the file’s names when the map is one to one onto the codes, and says why not otherwise', () => {
    const map = { left: 'Hit', right: 'Miss', 'no response': 'exclude' }
    expect(sourceConditionLabels(['left', 'right', 'no response'], map)).toEqual({
      labels: { Hit: 'left', Miss: 'right' }
    })
    expect(sourceConditionLabels(['left', 'right', 'late'], { ...map, late: 'Hit' })).toEqual({
      reason: '“left” and “late” both become Hit'
    })
    expect(sourceConditionLabels(['left', 'up'], map)).toEqual({ reason: '“up” is not mapped yet' })
    expect(sourceConditionLabels(['no response'], map)).toEqual({ reason: 'every value is excluded' })
  })

  it('reads the Import view’s mapping over the guess (the user’s changes win)', () => {
    const guess = {
      outcomeValues: { outcome: ['correct', 'incorrect', 'early'] },
      guess: { outcomeColumn: 'outcome', outcomeMap: { correct: 'Hit', incorrect: 'exclude', early: 'exclude' } }
    } as unknown as MappingGuess
    expect(sourceLabelsOf(guess, guess.guess)).toEqual({ labels: { Hit: 'correct' } })
    expect(sourceLabelsOf(guess, { outcomeMap: { incorrect: 'Miss' } })).toEqual({
      labels: { Hit: 'correct', Miss: 'incorrect' }
    })
    expect(sourceLabelsOf({ ...guess, outcomeValues: {} }, {})).toEqual({
      reason: 'the trials have no outcome column with named values'
    })
  })

  it('the CLI parses CODE=label lists and names the flag on bad input', () => {
    expect(parseConditionLabels('Hit=correct,Miss=incorrect')).toEqual({ Hit: 'correct', Miss: 'incorrect' })
    expect(() => parseConditionLabels('Left=left')).toThrow(/CODE=label with CODE one of Hit, Miss, CR, FA/)
    expect(() => parseConditionLabels('Hit=a,Miss=a')).toThrow(/condition labels must differ/)
    const thrown = (() => {
      try {
        parseConditionLabels('Hit=')
      } catch (e) {
        return e
      }
      return null
    })()
    expect(thrown).toMatchObject({ field: '--condition-labels' })
  })
})
