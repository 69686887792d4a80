// In-process event bus: services emit contract events; transports (IPC, WS, CLI progress) listen.
import type { EventName, EventPayload, PushEvent } from '@shared/contract/events'

export type EventSink = (event: PushEvent) => void

export class EventBus {
  private readonly sinks = new Set<EventSink>()

  /** Emits one event to every listener; a failing listener never breaks the emitting service. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const event = { name, payload } as PushEvent
    for (const sink of [...this.sinks]) {
      try {
        sink(event)
      } catch {
        // a closed socket or window must not fail the import or fit that emitted
      }
    }
  }

  /** Listens to every event; returns the unsubscribe function. */
  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink)
    return () => {
      this.sinks.delete(sink)
    }
  }
}
