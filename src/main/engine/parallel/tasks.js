import { modelTask } from './model-task';
import { selftestTask } from './selftest-task';
// Each task has its own payload types; the registry erases them (the pool's typed wrappers restore them).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous registry, typed at the call site
export const shardTasks = {
    model: modelTask,
    selftest: selftestTask
};
