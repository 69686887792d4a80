// Who and what a recording session was: the NWB /general fields (subject, experimenter, lab…) carried from the
// source recordings into the files the app writes, or filled in by the user where the source has none.
import { z } from 'zod'

const text = z.string().max(10_000)

export const subjectSchema = z.object({
  subjectId: text.optional(),
  /** Latin binomial ("Mus musculus") or an NCBI taxonomy URI. */
  species: text.optional(),
  /** M, F, U (unknown) or O (other), as NWB best practice asks. */
  sex: text.optional(),
  /** ISO 8601 duration, e.g. "P90D". */
  age: text.optional(),
  description: text.optional(),
  strain: text.optional(),
  genotype: text.optional()
})
export type Subject = z.infer<typeof subjectSchema>

export const sessionMetadataSchema = z.object({
  sessionDescription: text.optional(),
  /** ISO 8601 with time zone. */
  sessionStartTime: text.optional(),
  experimenter: z.array(text).optional(),
  institution: text.optional(),
  lab: text.optional(),
  keywords: z.array(text).optional(),
  experimentDescription: text.optional(),
  subject: subjectSchema.optional()
})
export type SessionMetadata = z.infer<typeof sessionMetadataSchema>

const SUBJECT_KEYS = ['subjectId', 'species', 'sex', 'age', 'description', 'strain', 'genotype'] as const

/**
 * Metadata shared by all `sessions`: a field is kept when every session that has it agrees (lists are merged);
 * `conflicts` lists the fields on which they differ (left out), as paths: 'institution', 'subject.subjectId'.
 */
export function mergeMetadata(sessions: SessionMetadata[]): { merged: SessionMetadata; conflicts: string[] } {
  const merged: SessionMetadata = {}
  const conflicts: string[] = []
  const one = (values: (string | undefined)[], name: string): string | undefined => {
    const set = [...new Set(values.filter((v): v is string => v !== undefined && v !== ''))]
    if (set.length > 1) conflicts.push(name)
    return set.length === 1 ? set[0] : undefined
  }
  const list = (values: (string[] | undefined)[]): string[] | undefined => {
    const set = [...new Set(values.flatMap((v) => v ?? []).filter((v) => v !== ''))]
    return set.length ? set : undefined
  }
  const put = <K extends keyof SessionMetadata>(k: K, v: SessionMetadata[K] | undefined): void => {
    if (v !== undefined) merged[k] = v
  }
  put(
    'sessionDescription',
    one(
      sessions.map((s) => s.sessionDescription),
      'sessionDescription'
    )
  )
  put(
    'sessionStartTime',
    one(
      sessions.map((s) => s.sessionStartTime),
      'sessionStartTime'
    )
  )
  put('experimenter', list(sessions.map((s) => s.experimenter)))
  put(
    'institution',
    one(
      sessions.map((s) => s.institution),
      'institution'
    )
  )
  put(
    'lab',
    one(
      sessions.map((s) => s.lab),
      'lab'
    )
  )
  put('keywords', list(sessions.map((s) => s.keywords)))
  put(
    'experimentDescription',
    one(
      sessions.map((s) => s.experimentDescription),
      'experimentDescription'
    )
  )
  const subject: Subject = {}
  for (const k of SUBJECT_KEYS) {
    const v = one(
      sessions.map((s) => s.subject?.[k]),
      `subject.${k}`
    )
    if (v !== undefined) subject[k] = v
  }
  if (Object.keys(subject).length) merged.subject = subject
  return { merged, conflicts }
}

/** `over` wins field by field (subject fields too); empty strings and lists count as absent. */
export function overlayMetadata(base: SessionMetadata, over: SessionMetadata): SessionMetadata {
  const out: SessionMetadata = { ...base }
  for (const [k, v] of Object.entries(over) as [keyof SessionMetadata, unknown][]) {
    if (k === 'subject' || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue
    ;(out as Record<string, unknown>)[k] = v
  }
  const subject: Subject = { ...base.subject }
  for (const [k, v] of Object.entries(over.subject ?? {}) as [keyof Subject, string | undefined][])
    if (v) subject[k] = v
  if (Object.keys(subject).length) out.subject = subject
  return out
}
