// Trial conditions: the four codes the store and the engine use (Hit, Miss, CR, FA = 0–3, the detection task), and
// the labels a dataset gives them. A two-alternative task (correct/incorrect, left/right) mapped onto Hit/Miss keeps
// its own names: every view, CSV, NWB export and CLI report shows `conditionLabel(…)`, never the code name.
import { z } from 'zod'

/** Condition codes, in code order (index = the engine's integer code). Anything else is excluded at import. */
export const outcomes = ['Hit', 'Miss', 'CR', 'FA'] as const
export type Outcome = (typeof outcomes)[number]
export const outcomeSchema = z.enum(outcomes)

/** A condition's label as the user names it (e.g. "correct", "left"). */
export const conditionLabelSchema = z
  .string()
  .trim()
  .min(1, 'a condition label must not be empty')
  .max(40, 'a condition label has at most 40 characters')

/**
 * Code → the user's label, for the codes the task uses; absent = the detection task (Hit, Miss, CR, FA). Labels are
 * distinct, so no two conditions read the same.
 */
export const conditionLabelsSchema = z
  .partialRecord(outcomeSchema, conditionLabelSchema)
  .refine((r) => Object.keys(r).length > 0, 'give at least one condition label')
  .refine((r) => new Set(Object.values(r)).size === Object.values(r).length, 'condition labels must differ')
export type ConditionLabels = z.infer<typeof conditionLabelsSchema>

/** The conditions of one dataset, as every view and report reads them. */
export interface Conditions {
  /** The detection task (no labels of its own): lick rates (Hit/(Hit+Miss), FA/(FA+CR)) are defined. */
  detection: boolean
  /** Label per code; codes the task does not use keep their code name. */
  labels: Record<Outcome, string>
  /** The task's codes in code order (detection: all four). */
  used: Outcome[]
}

/** The conditions of a dataset from its stored labels (none: datasets of the detection task, and older datasets). */
export function datasetConditions(labels?: ConditionLabels | null): Conditions {
  // labels equal to the code names (a detection file's own names kept) are the detection task too
  const own = labels && Object.entries(labels).some(([o, l]) => l !== o) ? labels : null
  return {
    detection: own === null,
    labels: Object.fromEntries(outcomes.map((o) => [o, own?.[o] ?? o])) as Record<Outcome, string>,
    used: own === null ? [...outcomes] : outcomes.filter((o) => own[o] !== undefined)
  }
}

/** The detection task's conditions (Hit, Miss, CR, FA). */
export const detectionConditions: Conditions = datasetConditions()

/** The label of a code, given as its name or its integer (out-of-range integers read "code N"). */
export function conditionLabel(c: Conditions, outcome: Outcome | number): string {
  const name = typeof outcome === 'number' ? outcomes[outcome] : outcome
  return name === undefined ? `code ${outcome}` : c.labels[name]
}

/** Labels of the task's conditions joined for prose: "Hit, Miss, CR and FA", "correct and incorrect". */
export function conditionList(c: Conditions): string {
  const l = c.used.map((o) => c.labels[o])
  return l.length < 2 ? (l[0] ?? '') : `${l.slice(0, -1).join(', ')} and ${l[l.length - 1]}`
}

/**
 * The file's own names as labels, when the outcome map sends exactly one source value to each code it uses
 * (at most four: the codes); otherwise why not, in words. `values` are the column's values, `map` value → code or
 * 'exclude'.
 */
export function sourceConditionLabels(
  values: readonly string[],
  map: Readonly<Record<string, string>> | undefined
): { labels: ConditionLabels } | { reason: string } {
  const byCode = new Map<Outcome, string[]>()
  for (const v of values) {
    const target = map?.[v]
    if (target === undefined) return { reason: `“${v}” is not mapped yet` }
    if (target === 'exclude') continue
    if (!(outcomes as readonly string[]).includes(target)) return { reason: `“${v}” maps to an unknown code ${target}` }
    byCode.set(target as Outcome, [...(byCode.get(target as Outcome) ?? []), v])
  }
  if (byCode.size === 0) return { reason: 'every value is excluded' }
  const shared = [...byCode].find(([, vs]) => vs.length > 1)
  if (shared) return { reason: `${shared[1].map((v) => `“${v}”`).join(' and ')} both become ${shared[0]}` }
  const labels: ConditionLabels = {}
  for (const o of outcomes) {
    const v = byCode.get(o)?.[0]
    if (v !== undefined) labels[o] = v
  }
  const parsed = conditionLabelsSchema.safeParse(labels)
  return parsed.success ? { labels: parsed.data } : { reason: parsed.error.issues[0]?.message ?? 'invalid labels' }
}
