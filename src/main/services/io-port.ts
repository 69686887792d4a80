// What the services need from src/main/io (HDF5 importers and the dataset file format), as an injectable port.
import type { SessionData } from '@shared/domain/dataset'
import type { ImportMapping, MappingGuess } from '@shared/domain/import-mapping'

/** Import progress from the readers: fraction in [0, 1] of one file, and a short stage label. */
export type ReadProgress = (fraction: number, stage: string) => void

export interface IoPort {
  /**
   * Detects the file's format and columns and guesses a mapping (nothing is stored); `chosen` says where the trials
   * come from when the user picked an interval table or event series (its trialsTable / trialsFromEvents).
   */
  inspectRecording(file: string, chosen?: ImportMapping): Promise<MappingGuess> | MappingGuess
  /** Reads, validates and bins one file into one or more sessions; throws AppError naming file and path. */
  readRecording(file: string, mapping: ImportMapping, onProgress?: ReadProgress): Promise<SessionData[]> | SessionData[]
  /** Writes sessions to the app's HDF5 layout (one file per dataset). */
  /** Same as readRecording plus non-fatal findings (dropped trials/units, conversions), when io offers it. */
  readRecordingReport?(
    file: string,
    mapping: ImportMapping,
    onProgress?: ReadProgress
  ): Promise<{ sessions: SessionData[]; warnings: string[] }>
  writeSessionsH5(path: string, sessions: SessionData[], meta: Record<string, unknown>): Promise<void> | void
  readSessionsH5(path: string): Promise<SessionData[]> | SessionData[]
  /** sha256 (hex) of the file's bytes. */
  hashFile(path: string): Promise<string> | string
}
