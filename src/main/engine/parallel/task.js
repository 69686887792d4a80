/** Thrown by a task (via ShardContext.checkCancelled) when the pool's cancel flag is set. */
export class ShardCancelledError extends Error {
    constructor() {
        super('shard work cancelled');
        this.name = 'ShardCancelledError';
    }
}
