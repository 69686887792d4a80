export const RPC_CHANNEL = 'rpc';
export const EVENT_CHANNEL = 'event';
/** True for URLs of the app's own origin (app://studio/…); everything else is refused. */
export function isAppUrl(url, origin = 'app://studio') {
    try {
        const u = new URL(url);
        return `${u.protocol}//${u.host}` === origin;
    }
    catch {
        return false;
    }
}
/** Registers the one RPC handler. Returns a function that removes it. */
export function registerIpc(ipcMain, dispatch, isTrusted = (u) => isAppUrl(u)) {
    ipcMain.handle(RPC_CHANNEL, async (event, method, input) => {
        const url = event.senderFrame?.url ?? '';
        if (!isTrusted(url))
            return { ok: false, error: { code: 'UNAUTHORIZED', message: 'request from an untrusted frame refused' } };
        if (typeof method !== 'string')
            return { ok: false, error: { code: 'INVALID_INPUT', message: 'method must be a string', field: 'method' } };
        return dispatch(method, input);
    });
    return () => ipcMain.removeHandler(RPC_CHANNEL);
}
/** Forwards every service event to the live windows. Returns the unsubscribe function. */
export function fanOutEvents(subscribe, targets) {
    return subscribe((event) => {
        for (const wc of targets())
            if (!wc.isDestroyed())
                wc.send(EVENT_CHANNEL, event);
    });
}
