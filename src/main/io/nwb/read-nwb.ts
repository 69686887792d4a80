// One NWB 2.x file → RawRecording (one session): units, trials, behaviour, with warnings for what is missing.
import type { File as H5File } from 'h5wasm'
import { basename } from 'node:path'
import { AppError } from '@shared/contract/errors'
import type { RawRecording } from '../raw'
import { getNode, isDataset, readStrings } from '../h5/read'
import { listBehaviour, readBehaviour } from './behaviour'
import { typedGroups } from './detect'
import { readSessionMetadata } from './session-metadata'
import { findTrialsTable, readTrials } from './trials'
import { findUnitsTable, readUnits } from './units'

function sessionName(f: H5File): string {
  const id = getNode(f, '/identifier')
  const text = isDataset(id) ? (readStrings(f, '/identifier')[0] ?? '') : ''
  return text !== '' ? text : basename(f.filename).replace(/\.nwb$/i, '')
}

/** Reads an open NWB 2.x file. Throws FIELD_MISSING when there is no Units table. */
export function readNwb(f: H5File, file: string): RawRecording {
  const warnings: string[] = []
  const groups = typedGroups(f)
  const unitsPath = findUnitsTable(groups)
  if (!unitsPath) {
    throw new AppError('FIELD_MISSING', 'no Units table (neurodata_type "Units") in the file', { file, field: '/units' })
  }
  if (groups.filter((g) => g.type === 'Units').length > 1) warnings.push(`several Units tables; using ${unitsPath}`)
  const units = readUnits(f, unitsPath, warnings)
  const trialsPath = findTrialsTable(groups)
  const trials = trialsPath ? readTrials(f, trialsPath) : null
  if (!trials) warnings.push('no trials table (/intervals/trials): trials cannot be binned')
  else if (trials.relativeColumns.length > 0) {
    warnings.push(`${trials.path}: ${trials.relativeColumns.join(', ')} are relative to start_time; converted to session time`)
  }
  const behaviour = readBehaviour(f, listBehaviour(f, groups), warnings)
  const session = { name: sessionName(f), sourceFile: file, units, trials, behaviour, warnings, metadata: readSessionMetadata(f) }
  return { file, format: 'nwb', sessions: [session], warnings: [] }
}
