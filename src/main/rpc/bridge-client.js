// Client side of the bridge for Electron's main: forwards dispatch calls and events to the service child.
import { decode, encode } from '@shared/contract/codec';
/**
 * Connects to a bridge on 127.0.0.1:port with its token. Calls are POST /rpc/:method; events arrive on one
 * socket (re-opened after a drop while the client is open).
 */
export function connectBridge(port, token, WS, retryMs = 500) {
    const base = `http://127.0.0.1:${port}`;
    const sinks = new Set();
    let socket = null;
    let closed = false;
    let timer;
    const open = () => {
        socket = new WS(`ws://127.0.0.1:${port}/events?token=${token}`);
        socket.onmessage = (msg) => {
            if (typeof msg.data !== 'string')
                return;
            const ev = decode(msg.data);
            sinks.forEach((s) => s(ev));
        };
        socket.onerror = () => { };
        socket.onclose = () => {
            if (!closed)
                timer = setTimeout(open, retryMs);
        };
    };
    open();
    const dispatch = async (method, input) => {
        try {
            const res = await fetch(`${base}/rpc/${encodeURIComponent(method)}`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'x-rsnn-token': token },
                body: encode(input ?? {})
            });
            return decode(await res.text());
        }
        catch (err) {
            return { ok: false, error: { code: 'INTERNAL', message: `the service process is not reachable: ${err.message}` } };
        }
    };
    return {
        dispatch,
        subscribe(sink) {
            sinks.add(sink);
            return () => void sinks.delete(sink);
        },
        close() {
            closed = true;
            clearTimeout(timer);
            socket?.close();
        }
    };
}
