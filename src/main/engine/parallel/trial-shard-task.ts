// The losses' per-session trial-matching shards (losses/trial-shards.ts) as a pool task: the per-fit data is
// installed once per thread, each step posts the group means and gradient buffers in shared memory.
import {
  runTrialShard,
  type TrialShardInit,
  type TrialShardPayload,
  type TrialShardResult
} from '../losses/trial-shards'
import type { ShardTask } from './task'

export const trialShardTask: ShardTask<TrialShardInit, TrialShardPayload, TrialShardResult, TrialShardInit> = {
  init: (_ctx, init) => init,
  run(init, ctx, shard, payload) {
    ctx.checkCancelled()
    return runTrialShard(init, payload, shard)
  }
}
