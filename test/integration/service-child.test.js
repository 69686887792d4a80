// Electron's service layout without Electron: serve.js --service as a child, reached through bridge-client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectBridge } from '../../src/main/rpc/bridge-client';
import { startServiceChild } from '../../src/main/rpc/service-child';
import { SERVE, ensureBuilt } from './built';
let dir;
let svc;
beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'rsnn-child-'));
    svc = await startServiceChild({ nodePath: process.execPath, serveScript: SERVE, dataDir: join(dir, 'store') });
});
afterAll(async () => {
    await svc.stop();
    rmSync(dir, { recursive: true, force: true });
});
describe('service child', () => {
    it('answers RPC with its token only, serves no static files, and exits when stdin closes', async () => {
        const client = connectBridge(svc.port, svc.token, WebSocket);
        const info = await client.dispatch('app.info', {});
        expect(info).toMatchObject({ ok: true, value: { mode: 'electron', dataDir: join(dir, 'store') } });
        const wrong = connectBridge(svc.port, 'f'.repeat(64), WebSocket);
        expect(await wrong.dispatch('datasets.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
        wrong.close();
        const page = await fetch(`http://127.0.0.1:${svc.port}/index.html`, { headers: { 'x-rsnn-token': svc.token } });
        expect(page.status).toBe(404);
        client.close();
        const exited = new Promise((r) => svc.child.once('exit', (code) => r(code)));
        await svc.stop();
        expect(await exited).toBe(0);
    });
});
