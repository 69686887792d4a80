// One NWB 2.x file → RawRecording (one session): units, trials, behaviour, with warnings for what is missing.
import type { File as H5File } from 'h5wasm'
import { basename } from 'node:path'
import { AppError } from '@shared/contract/errors'
import type { RawRecording, RawTrials, TrialSource } from '../raw'
import { getNode, isDataset, readStrings } from '../h5/read'
import { listBehaviour, readBehaviour } from './behaviour'
import { typedGroups } from './detect'
import { listEventSeries, trialsFromEvents } from './event-trials'
import { readSessionMetadata } from './session-metadata'
import { chooseTrialsTable, describeTables, listTrialTables } from './trial-tables'
import { readTrials } from './trials'
import { findUnitsTable, readUnits } from './units'

function sessionName(f: H5File): string {
  const id = getNode(f, '/identifier')
  const text = isDataset(id) ? (readStrings(f, '/identifier')[0] ?? '') : ''
  return text !== '' ? text : basename(f.filename).replace(/\.nwb$/i, '')
}

/**
 * Reads an open NWB 2.x file. Throws FIELD_MISSING when there is no Units table, or when `source` names a
 * trials table or event series the file does not have.
 */
export function readNwb(f: H5File, file: string, source: TrialSource = {}): RawRecording {
  const warnings: string[] = []
  const groups = typedGroups(f)
  const unitsPath = findUnitsTable(groups)
  if (!unitsPath) {
    throw new AppError('FIELD_MISSING', 'no Units table (neurodata_type "Units") in the file', {
      file,
      field: '/units'
    })
  }
  if (groups.filter((g) => g.type === 'Units').length > 1) warnings.push(`several Units tables; using ${unitsPath}`)
  const units = readUnits(f, unitsPath, warnings)
  const trialTables = listTrialTables(f, groups)
  const eventSeries = listEventSeries(f, groups)
  let trials: RawTrials | null = null
  let noTrialsHint: string | undefined
  if (source.trialsFromEvents !== undefined)
    trials = trialsFromEvents(f, source.trialsFromEvents, eventSeries, warnings)
  else {
    const choice = chooseTrialsTable(trialTables, source.trialsTable, file)
    if (choice.path) {
      trials = readTrials(f, choice.path)
      if (choice.guessed)
        warnings.push(
          `no /intervals/trials: using ${choice.path} (${trials.n} rows) as the trials table; choose another with --trials-table`
        )
    } else {
      noTrialsHint = trialTables.length
        ? `interval tables in the file: ${describeTables(trialTables)}; choose one with --trials-table NAME (or trials from events with --trials-from-events PATH)`
        : eventSeries.length
          ? `event series in the file: ${eventSeries.map((e) => `${e.path} (${e.events} events)`).join(', ')}; make trials from one with --trials-from-events PATH`
          : 'the file has no interval table and no event series'
      warnings.push(`no trials table (/intervals/trials): ${noTrialsHint}`)
    }
  }
  if (trials && trials.relativeColumns.length > 0) {
    warnings.push(
      `${trials.path}: ${trials.relativeColumns.join(', ')} are relative to start_time; converted to session time`
    )
  }
  const behaviour = readBehaviour(f, listBehaviour(f, groups), warnings)
  const session = {
    name: sessionName(f),
    sourceFile: file,
    units,
    trials,
    behaviour,
    warnings,
    metadata: readSessionMetadata(f),
    ...(noTrialsHint ? { noTrialsHint } : {})
  }
  return { file, format: 'nwb', sessions: [session], warnings: [], trialTables, eventSeries }
}
