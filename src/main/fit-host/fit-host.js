export function isTerminal(msg) {
    return msg.type === 'done' || msg.type === 'cancelled' || msg.type === 'failed';
}
