// What the services need from src/main/io (HDF5 importers and the dataset file format), as an injectable port.
import type { BinnedSession, SessionData, UnbinnedSession } from '@shared/domain/dataset'
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
  readRecording(
    file: string,
    mapping: ImportMapping,
    onProgress?: ReadProgress
  ): Promise<BinnedSession[]> | BinnedSession[]
  /** Same as readRecording plus non-fatal findings (dropped trials/units, conversions), when io offers it. */
  readRecordingReport?(
    file: string,
    mapping: ImportMapping,
    onProgress?: ReadProgress
  ): Promise<{ sessions: BinnedSession[]; warnings: string[] }>
  /**
   * Same as readRecordingReport without the binned counts, when io offers it: an import writes such sessions and
   * the writer bins them into the file a block of trials at a time (the whole K × T × U array never in memory).
   */
  readRecordingUnbinned?(
    file: string,
    mapping: ImportMapping,
    onProgress?: ReadProgress
  ): Promise<{ sessions: UnbinnedSession[]; warnings: string[] }>
  /**
   * Writes sessions to the app's HDF5 layout (one file per dataset), binning unbinned ones on the way. The spike
   * times of unbinned sessions may be moved to a writing thread (detached here): the caller does not use them after.
   */
  writeSessionsH5(
    path: string,
    sessions: (SessionData | UnbinnedSession)[],
    meta: Record<string, unknown>,
    onProgress?: ReadProgress
  ): Promise<void> | void
  /** A dataset file's sessions; a binned array too large to hold whole is left out (see SessionData.spikes). */
  readSessionsH5(path: string): Promise<SessionData[]> | SessionData[]
  /** sha256 (hex) of the file's bytes. */
  hashFile(path: string): Promise<string> | string
}
