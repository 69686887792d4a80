// A FitHost that runs the real worker loop in the test's own thread with a fake trainer (no worker needed).
import { FLAG, FLAG_COUNT } from '@shared/engine-protocol';
import { runFitLoop } from '../../../../src/main/fit-host/worker-loop';
export class InProcessHost {
    factory;
    /** Every message delivered, per job, for assertions. */
    messages = new Map();
    /** When set, messages after this predicate returns true are swallowed and the job never ends (a crash). */
    crashWhen = null;
    constructor(factory) {
        this.factory = factory;
    }
    start(request, listener) {
        const sab = new SharedArrayBuffer(FLAG_COUNT * 4);
        const flags = new Int32Array(sab);
        const log = [];
        this.messages.set(request.jobId, log);
        let crashed = false;
        const crashWhen = this.crashWhen;
        const finished = runFitLoop({ type: 'start', ...request, flags: sab }, {
            createTrainer: (d, c, s) => this.factory(d, c, s),
            post: (msg) => {
                if (crashed) {
                    // a dead process posts nothing more; stop the loop quickly
                    Atomics.store(flags, FLAG.cancel, 1);
                    return;
                }
                log.push(msg);
                listener(msg);
                if (crashWhen?.(msg))
                    crashed = true;
            }
        });
        return {
            jobId: request.jobId,
            finished,
            pause: () => Atomics.store(flags, FLAG.pause, 1),
            resume: () => Atomics.store(flags, FLAG.pause, 0),
            cancel: () => Atomics.store(flags, FLAG.cancel, 1)
        };
    }
}
