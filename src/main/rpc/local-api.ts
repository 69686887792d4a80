// The contract API in-process (CLI, tests): the renderer's client (shared/contract/client.ts) over a transport
// that calls dispatch directly and listens on the service event bus. Same validation and error mapping.
import { createClientOver, type Client } from '@shared/contract/client'
import type { Api } from '@shared/contract/methods'
import type { Transport } from '@shared/contract/transport'
import type { EventBus } from '../services/events'
import type { Dispatch } from './dispatch'

/** Calls go straight to dispatch; events come from the bus (none without one). */
export function localTransport(dispatch: Dispatch, events?: EventBus): Transport {
  return {
    invoke: (method, input) => dispatch(method, input),
    subscribe: (listener) => events?.subscribe(listener) ?? (() => undefined)
  }
}

/** The typed client in this process: `client.api['datasets.list']({})`, `client.on('fit.progress', …)`. */
export function localClient(dispatch: Dispatch, events?: EventBus): Client {
  return createClientOver(localTransport(dispatch, events), 'local')
}

/** `api['datasets.list']({})` straight through dispatch; rejects with AppError. */
export function localApi(dispatch: Dispatch): Api {
  return localClient(dispatch).api
}
