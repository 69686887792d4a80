// Push events main → renderer (Electron webContents.send / WS in browser mode).
import { z } from 'zod'
import { fitsEvents } from './fits-events'
import { perturbationsEvents } from './perturbations-methods'

export const eventSchemas = {
  'import.progress': z.object({ file: z.string(), fraction: z.number(), stage: z.string() }),
  /** The dataset list changed (another window or the CLI may have caused it). */
  'datasets.changed': z.object({ id: z.string(), change: z.enum(['imported', 'renamed', 'deleted']) }),
  ...fitsEvents,
  ...perturbationsEvents
}
export type EventName = keyof typeof eventSchemas & string
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>
export interface PushEvent<E extends EventName = EventName> {
  name: E
  payload: EventPayload<E>
}
