// Typed client over any Transport: one async function per contract method, typed event subscription.
import { AppError, appErrorSchema } from '@shared/contract/errors';
import { methods } from '@shared/contract/methods';
/** Unwraps an RpcReply envelope: the value, or a thrown AppError. */
export function unwrap(reply) {
    const r = reply;
    if (r && typeof r === 'object' && 'ok' in r) {
        if (r.ok)
            return r.value;
        const parsed = appErrorSchema.safeParse(r.error);
        throw parsed.success ? AppError.from(parsed.data) : new AppError('INTERNAL', 'malformed error reply');
    }
    throw new AppError('INTERNAL', 'malformed RPC reply');
}
/** Builds the typed client over a transport (ipc or ws; tests pass a fake). */
export function createClientOver(transport, mode) {
    const api = {};
    for (const name of Object.keys(methods)) {
        api[name] = async (input) => unwrap(await transport.invoke(name, input ?? {}));
    }
    const listeners = new Map();
    let unsubscribeAll = null;
    function on(name, listener) {
        // One transport subscription fans out to every listener, opened lazily on first use.
        unsubscribeAll ??= transport.subscribe((ev) => listeners.get(ev.name)?.forEach((l) => l(ev.payload)));
        const set = listeners.get(name) ?? new Set();
        listeners.set(name, set);
        const l = listener;
        set.add(l);
        return () => {
            set.delete(l);
        };
    }
    function dispose() {
        unsubscribeAll?.();
        unsubscribeAll = null;
        listeners.clear();
    }
    return { api: api, on, mode, dispose };
}
