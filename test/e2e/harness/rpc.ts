// Calls the bridge from the test process (token header), decoding typed arrays like the renderer does.
import { decode, encode } from '@shared/contract/codec'
import type { RpcReply } from '@shared/contract/transport'
import type { BrowserModeServer } from './server'

/** POST /rpc/:method with the server's token; resolves to the reply envelope. */
export async function rpc(server: BrowserModeServer, method: string, input: unknown = {}): Promise<RpcReply> {
  const res = await fetch(`${server.origin}/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rsnn-token': server.token },
    body: encode(input)
  })
  return decode(await res.text()) as RpcReply
}
