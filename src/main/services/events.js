export class EventBus {
    sinks = new Set();
    /** Emits one event to every listener; a failing listener never breaks the emitting service. */
    emit(name, payload) {
        const event = { name, payload };
        for (const sink of [...this.sinks]) {
            try {
                sink(event);
            }
            catch {
                // a closed socket or window must not fail the import or fit that emitted
            }
        }
    }
    /** Listens to every event; returns the unsubscribe function. */
    subscribe(sink) {
        this.sinks.add(sink);
        return () => {
            this.sinks.delete(sink);
        };
    }
}
