// Electron IPC transport with a fake ipcMain: sender-origin check, dispatch pass-through, event fan-out.
import { describe, expect, it, vi } from 'vitest'
import type { RpcReply } from '@shared/contract/transport'
import { fanOutEvents, isAppUrl, registerIpc, type IpcEventLike } from '../../../src/main/rpc/electron-ipc'

function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>>()
  return {
    handlers,
    handle: (c: string, h: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>) => void handlers.set(c, h),
    removeHandler: (c: string) => void handlers.delete(c)
  }
}

describe('registerIpc', () => {
  const dispatch = vi.fn(async (m: string, i: unknown): Promise<RpcReply> => ({ ok: true, value: { m, i } }))

  it('dispatches calls from the app origin only', async () => {
    const ipc = fakeIpcMain()
    const off = registerIpc(ipc, dispatch)
    const h = ipc.handlers.get('rpc')!
    expect(await h({ senderFrame: { url: 'app://studio/index.html' } }, 'datasets.list', {})).toEqual({
      ok: true,
      value: { m: 'datasets.list', i: {} }
    })
    for (const url of ['https://evil.example/', 'app://other/index.html', 'file:///x/index.html', 'not a url']) {
      expect(await h({ senderFrame: { url } }, 'datasets.list', {})).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHORIZED' }
      })
    }
    expect(await h({ senderFrame: null }, 'datasets.list', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' }
    })
    expect(await h({ senderFrame: { url: 'app://studio/' } }, 42, {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'method' }
    })
    expect(dispatch).toHaveBeenCalledTimes(1)
    off()
    expect(ipc.handlers.has('rpc')).toBe(false)
  })

  it('isAppUrl compares the whole origin', () => {
    expect(isAppUrl('app://studio/x#/y')).toBe(true)
    expect(isAppUrl('app://studio.evil/x')).toBe(false)
  })
})

describe('fanOutEvents', () => {
  it('sends each event to live windows only, and unsubscribes', () => {
    let sink: ((e: { name: 'datasets.changed'; payload: { id: string; change: 'imported' } }) => void) | null = null
    const subscribe = (s: typeof sink) => {
      sink = s
      return () => (sink = null)
    }
    const live = { send: vi.fn(), isDestroyed: () => false }
    const dead = { send: vi.fn(), isDestroyed: () => true }
    const off = fanOutEvents(subscribe as never, () => [live, dead])
    sink!({ name: 'datasets.changed', payload: { id: 'a', change: 'imported' } })
    expect(live.send).toHaveBeenCalledWith('event', {
      name: 'datasets.changed',
      payload: { id: 'a', change: 'imported' }
    })
    expect(dead.send).not.toHaveBeenCalled()
    off()
    expect(sink).toBeNull()
  })
})
