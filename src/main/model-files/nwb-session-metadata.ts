// Session metadata of a generated-trials NWB file: what the recordings behind the run agree on (subject,
// experimenter, lab…), overlaid with what the user gave (CLI options, Export dialog), and what is still missing.
import { mergeMetadata, overlayMetadata, type SessionMetadata } from '@shared/domain/session-metadata'

/** Fields DANDI's best-practice checks treat as critical when absent: path, label, CLI option. */
const NEEDED: [string, string, string][] = [
  ['subject.subjectId', 'subject id', '--subject-id'],
  ['subject.species', 'species', '--species'],
  ['subject.sex', 'sex', '--sex'],
  ['subject.age', 'age', '--age'],
  ['experimenter', 'experimenter', '--experimenter'],
  ['institution', 'institution', '--institution']
]

/** The value at a path such as 'subject.age' (lists: their first item). */
function at(m: SessionMetadata, path: string): unknown {
  const [a, b] = path.split('.') as [string, string | undefined]
  const v = (m as Record<string, unknown>)[a]
  const x = b === undefined ? v : (v as Record<string, unknown> | undefined)?.[b]
  return Array.isArray(x) ? x[0] : x || undefined
}

/**
 * `recorded`: the metadata of each session the run was fitted to (absent where the file had none).
 * @returns the metadata to write and warnings naming fields the sessions disagree on and fields still missing.
 */
export function generatedMetadata(
  recorded: (SessionMetadata | undefined)[],
  given: SessionMetadata = {}
): { metadata: SessionMetadata; warnings: string[] } {
  const { merged, conflicts } = mergeMetadata(recorded.map((m) => m ?? {}))
  // A fitted model is not one session: the recordings' descriptions and start times do not describe the file.
  delete merged.sessionDescription
  delete merged.sessionStartTime
  const metadata = overlayMetadata(merged, given)
  const warnings: string[] = []
  const open = conflicts.filter((c) => !c.startsWith('session') && at(given, c) === undefined)
  if (open.length) warnings.push(`the recorded sessions differ in ${open.join(', ')}: left out of the file`)
  const missing = NEEDED.filter(([path]) => at(metadata, path) === undefined)
  if (missing.length) {
    const none = recorded.every((m) => !m?.subject) && !given.subject
    warnings.push(
      `${none ? 'the recordings have no subject; ' : ''}missing ${missing.map(([, label]) => label).join(', ')}: ` +
        `give ${missing.map(([, , option]) => option).join(', ')} (or fill them in the Export dialog)`
    )
  }
  return { metadata, warnings }
}
