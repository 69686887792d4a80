// Session metadata of a source NWB file (description, start time, /general experimenter/lab/…, Subject), so
// that files written from it can carry it over. Empty strings count as absent.
import type { File as H5File } from 'h5wasm'
import type { SessionMetadata, Subject } from '@shared/domain/session-metadata'
import { getNode, isDataset, isStringDataset, readStrings } from '../h5/read'

function texts(f: H5File, path: string): string[] {
  const d = getNode(f, path)
  if (!isDataset(d) || !isStringDataset(d)) return []
  return readStrings(f, path)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}
function one(f: H5File, path: string): string | undefined {
  return texts(f, path)[0]
}

/** What the file says about its session; fields it does not have are left out. */
export function readSessionMetadata(f: H5File): SessionMetadata {
  const m: SessionMetadata = {}
  const put = <K extends keyof SessionMetadata>(k: K, v: SessionMetadata[K] | undefined): void => {
    if (v !== undefined && (!Array.isArray(v) || v.length > 0)) m[k] = v
  }
  put('sessionDescription', one(f, '/session_description'))
  put('sessionStartTime', one(f, '/session_start_time'))
  put('experimenter', texts(f, '/general/experimenter'))
  put('institution', one(f, '/general/institution'))
  put('lab', one(f, '/general/lab'))
  put('keywords', texts(f, '/general/keywords'))
  put('experimentDescription', one(f, '/general/experiment_description'))
  const s: Subject = {}
  const fields: [keyof Subject, string][] = [
    ['subjectId', 'subject_id'],
    ['species', 'species'],
    ['sex', 'sex'],
    ['age', 'age'],
    ['description', 'description'],
    ['strain', 'strain'],
    ['genotype', 'genotype']
  ]
  for (const [k, name] of fields) {
    const v = one(f, `/general/subject/${name}`)
    if (v !== undefined) s[k] = v
  }
  if (Object.keys(s).length) m.subject = s
  return m
}
