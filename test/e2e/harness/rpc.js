// Calls the bridge from the test process (token header), decoding typed arrays like the renderer does.
import { decode, encode } from '@shared/contract/codec';
/** POST /rpc/:method with the server's token; resolves to the reply envelope. */
export async function rpc(server, method, input = {}) {
    const res = await fetch(`${server.origin}/rpc/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rsnn-token': server.token },
        body: encode(input)
    });
    return decode(await res.text());
}
