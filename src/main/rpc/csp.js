// The Content-Security-Policy of every renderer response (style.md B4), shared by the bridge and Electron.
/**
 * CSP for the renderer. `wsPort` adds the browser-mode event socket to connect-src (Electron needs none:
 * its renderer talks to main over IPC only). No 'unsafe-eval' and no 'wasm-unsafe-eval': the engine runs in Node.
 */
export function contentSecurityPolicy(wsPort) {
    const connect = wsPort === undefined ? "'self'" : `'self' ws://127.0.0.1:${wsPort} ws://localhost:${wsPort}`;
    return [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        `connect-src ${connect}`,
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'"
    ].join('; ');
}
