// app.info (version, mode, engine backend and threads) for the header; fetched once.
import type { AppErrorData } from '@shared/contract/errors'
import { api } from '../transport'
import { describeError } from '../errors'

export interface AppInfo {
  version: string
  mode: 'electron' | 'browser'
  dataDir: string
  engine: { backend: string; threads: number }
}

let info = $state<AppInfo | null>(null)
let error = $state<AppErrorData | null>(null)

export const appInfo = {
  get info(): AppInfo | null {
    return info
  },
  get error(): AppErrorData | null {
    return error
  }
}

export async function loadAppInfo(): Promise<void> {
  try {
    info = await api['app.info']({})
  } catch (e) {
    error = describeError(e)
  }
}
