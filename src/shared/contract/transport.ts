// The renderer's transport: invoke a method, subscribe to events. Electron preload and the WS bridge both implement it.
export interface Transport {
  invoke(method: string, input: unknown): Promise<unknown>
  subscribe(listener: (event: { name: string; payload: unknown }) => void): () => void
}

/** Wire envelope for RPC replies (both transports). */
export type RpcReply =
  { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; file?: string; field?: string } }
