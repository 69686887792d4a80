// Session-metadata flags of `export --trials` (--subject-id, --species, --sex, --age, --experimenter, …): what the
// exported NWB file says about subject and session where the recordings say nothing (or something else).
import { AppError } from '@shared/contract/errors'
import type { SessionMetadata, Subject } from '@shared/domain/session-metadata'
import type { OptionSpec, ParsedArgs } from './args'

export const metadataOptions: OptionSpec = {
  'subject-id': { type: 'string' },
  species: { type: 'string' },
  sex: { type: 'string' },
  age: { type: 'string' },
  strain: { type: 'string' },
  experimenter: { type: 'string' },
  institution: { type: 'string' },
  lab: { type: 'string' },
  keywords: { type: 'string' }
}

export const METADATA_USAGE =
  '[--subject-id ID] [--species "Mus musculus"] [--sex M|F|U|O] [--age P90D] [--strain S] [--experimenter "A, B"] ' +
  '[--institution I] [--lab L] [--keywords "k1, k2"]'

const ISO_DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/

/** The metadata flags given (none → {}); refuses a sex outside M/F/U/O and an age that is not an ISO 8601 duration. */
export function metadataFromArgs(v: ParsedArgs['values']): SessionMetadata {
  const str = (k: string): string | undefined =>
    typeof v[k] === 'string' && (v[k] as string).trim() !== '' ? (v[k] as string).trim() : undefined
  const list = (k: string): string[] | undefined =>
    str(k)
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  const sex = str('sex')
  if (sex !== undefined && !/^[MFUO]$/.test(sex)) {
    throw new AppError('INVALID_INPUT', `"${sex}" is not M, F, U (unknown) or O (other)`, { field: '--sex' })
  }
  const age = str('age')
  if (age !== undefined && !ISO_DURATION.test(age)) {
    throw new AppError('INVALID_INPUT', `"${age}" is not an ISO 8601 duration such as P90D or P12W`, { field: '--age' })
  }
  const subject: Subject = {}
  const sub: [keyof Subject, string | undefined][] = [
    ['subjectId', str('subject-id')],
    ['species', str('species')],
    ['sex', sex],
    ['age', age],
    ['strain', str('strain')]
  ]
  for (const [k, val] of sub) if (val !== undefined) subject[k] = val
  const m: SessionMetadata = {}
  const experimenter = list('experimenter')
  const keywords = list('keywords')
  if (experimenter?.length) m.experimenter = experimenter
  if (str('institution')) m.institution = str('institution')!
  if (str('lab')) m.lab = str('lab')!
  if (keywords?.length) m.keywords = keywords
  if (Object.keys(subject).length) m.subject = subject
  return m
}
