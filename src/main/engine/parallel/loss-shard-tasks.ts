// The losses' per-session shards (losses/trial-shards.ts, losses/psth-loss.ts) as pool tasks: the per-fit data is
// installed once per thread, each step posts its arrays in shared memory.
import { runPsthShard, type PsthShardInit, type PsthShardPayload, type PsthShardResult } from '../losses/psth-loss'
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

export const psthShardTask: ShardTask<PsthShardInit, PsthShardPayload, PsthShardResult, PsthShardInit> = {
  init: (_ctx, init) => init,
  run(init, ctx, shard, payload) {
    ctx.checkCancelled()
    return runPsthShard(init, payload, shard)
  }
}
