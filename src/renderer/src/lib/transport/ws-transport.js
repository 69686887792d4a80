// Browser-mode transport: POST /rpc/:method (codec JSON) + WebSocket /events, authenticated by the launch token.
import { decode, encode } from '@shared/contract/codec';
const TOKEN_KEY = 'rsnn-studio-token';
const page = globalThis;
/**
 * The per-launch token: from `?token=` in the page URL (kept in sessionStorage so reloads work after the
 * app strips it from the address bar). The bridge also sets a cookie, so the token is a second proof only.
 */
export function launchToken(search = page.location?.search ?? '') {
    const fromUrl = new URLSearchParams(search).get('token');
    if (fromUrl) {
        try {
            page.sessionStorage?.setItem(TOKEN_KEY, fromUrl);
        }
        catch {
            // storage may be disabled; the cookie still authenticates
        }
        return fromUrl;
    }
    try {
        return page.sessionStorage?.getItem(TOKEN_KEY) ?? '';
    }
    catch {
        return '';
    }
}
/** Transport over the 127.0.0.1 bridge started by `serve.js` (browser mode). */
export function wsTransport(opts = {}) {
    const base = opts.base ?? page.location?.origin ?? '';
    const token = opts.token ?? launchToken();
    const retryMs = opts.retryMs ?? 1000;
    const headers = { 'content-type': 'application/json', 'x-rsnn-token': token };
    return {
        async invoke(method, input) {
            const res = await fetch(`${base}/rpc/${encodeURIComponent(method)}`, {
                method: 'POST',
                headers,
                credentials: 'same-origin',
                body: encode(input)
            });
            const text = await res.text();
            try {
                return decode(text);
            }
            catch {
                return { ok: false, error: { code: 'INTERNAL', message: `bridge replied HTTP ${res.status}: ${text.slice(0, 200)}` } };
            }
        },
        subscribe(listener) {
            let socket = null;
            let closed = false;
            let timer;
            const url = `${base.replace(/^http/, 'ws')}/events?token=${encodeURIComponent(token)}`;
            const connect = () => {
                socket = new WebSocket(url);
                socket.onmessage = (msg) => {
                    if (typeof msg.data !== 'string')
                        return;
                    const ev = decode(msg.data);
                    if (typeof ev.name === 'string')
                        listener({ name: ev.name, payload: ev.payload });
                };
                socket.onerror = () => {
                    // 'close' follows every error and schedules the retry
                };
                socket.onclose = () => {
                    // The server may restart (e.g. `npm start` again): keep trying while someone listens.
                    if (!closed)
                        timer = setTimeout(connect, retryMs);
                };
            };
            connect();
            return () => {
                closed = true;
                clearTimeout(timer);
                socket?.close();
            };
        }
    };
}
