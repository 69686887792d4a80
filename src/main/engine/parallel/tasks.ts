// Registry of the tasks a shard worker can run, by name (the worker is one bundle, so tasks are imported here).
import type { ShardTask } from './task'
import { PSTH_SHARD_TASK } from '../losses/psth-loss'
import { TRIAL_SHARD_TASK } from '../losses/trial-shards'
import { modelTask } from './model-task'
import { selftestTask } from './selftest-task'
import { psthShardTask, trialShardTask } from './loss-shard-tasks'

// Each task has its own payload types; the registry erases them (the pool's typed wrappers restore them).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous registry, typed at the call site
export const shardTasks: Record<string, ShardTask<any, any, any, any>> = {
  model: modelTask,
  selftest: selftestTask,
  [TRIAL_SHARD_TASK]: trialShardTask,
  [PSTH_SHARD_TASK]: psthShardTask
}
