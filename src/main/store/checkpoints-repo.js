function fromRow(r) {
    return {
        runId: r.run_id,
        step: r.step,
        file: r.file,
        bytes: r.bytes,
        sha256: r.sha256,
        evalLoss: r.eval_loss,
        isBest: r.is_best === 1,
        bestEvalLoss: r.best_eval_loss,
        evalsSinceBest: r.evals_since_best,
        elapsedS: r.elapsed_s,
        createdAt: r.created_at
    };
}
export class CheckpointsRepo {
    db;
    constructor(db) {
        this.db = db;
    }
    /**
     * Registers a complete checkpoint file. In the same transaction: the run's checkpoint step (what a resume
     * continues from), its latest step and training time, and, for a new best, the best flag and best loss.
     */
    register(c) {
        this.db.transaction(() => {
            if (c.isBest)
                this.db.prepare('UPDATE checkpoints SET is_best = 0 WHERE run_id = ?').run(c.runId);
            this.db
                .prepare(`INSERT OR REPLACE INTO checkpoints (run_id, step, file, bytes, sha256, eval_loss, is_best, best_eval_loss,
             evals_since_best, elapsed_s, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
                .run(c.runId, c.step, c.file, c.bytes, c.sha256, c.evalLoss, c.isBest ? 1 : 0, c.bestEvalLoss, c.evalsSinceBest, c.elapsedS, c.createdAt);
            this.db
                .prepare(`UPDATE runs SET checkpoint_step = ?, step = MAX(step, ?), elapsed_s = MAX(elapsed_s, ?), heartbeat_at = ?
           WHERE id = ?`)
                .run(c.step, c.step, c.elapsedS, Date.now(), c.runId);
            if (c.isBest) {
                this.db.prepare('UPDATE runs SET best_step = ?, best_eval_loss = ? WHERE id = ?').run(c.step, c.evalLoss, c.runId);
            }
        })();
    }
    /** Newest first. */
    list(runId) {
        return this.db.prepare('SELECT * FROM checkpoints WHERE run_id = ? ORDER BY step DESC').all(runId).map(fromRow);
    }
    info(runId) {
        return this.list(runId).map((c) => ({
            step: c.step,
            evalLoss: c.evalLoss,
            isBest: c.isBest,
            bytes: c.bytes,
            createdAt: c.createdAt
        }));
    }
    /** The best checkpoint by held-out loss, else the newest. */
    best(runId) {
        const all = this.list(runId);
        return all.find((c) => c.isBest) ?? all[0] ?? null;
    }
    /**
     * Deletes the rows of checkpoints not among the newest `keepLast` and not the best.
     * @returns their files, to be unlinked by the caller after this committed
     */
    prune(runId, keepLast) {
        const all = this.list(runId);
        const drop = all.filter((c, i) => i >= keepLast && !c.isBest);
        this.deleteRows(runId, drop.map((c) => c.step));
        return drop.map((c) => c.file);
    }
    /** Deletes the rows of checkpoints after `step` (a resume from `step` replays them). @returns their files */
    removeAfter(runId, step) {
        const drop = this.list(runId).filter((c) => c.step > step);
        this.deleteRows(runId, drop.map((c) => c.step));
        return drop.map((c) => c.file);
    }
    /** Deletes one row (an unusable checkpoint). */
    remove(runId, step) {
        this.deleteRows(runId, [step]);
    }
    /**
     * Re-derives the best checkpoint (lowest held-out loss among the rows left) after rows were dropped, and
     * the run's best step and loss with it.
     */
    refreshBest(runId) {
        const best = this.db
            .prepare(`SELECT step, eval_loss FROM checkpoints WHERE run_id = ? AND eval_loss IS NOT NULL
         ORDER BY eval_loss ASC, step ASC LIMIT 1`)
            .get(runId);
        this.db.transaction(() => {
            this.db.prepare('UPDATE checkpoints SET is_best = (step = ?) WHERE run_id = ?').run(best?.step ?? -1, runId);
            this.db
                .prepare('UPDATE runs SET best_step = ?, best_eval_loss = ? WHERE id = ?')
                .run(best?.step ?? null, best?.eval_loss ?? null, runId);
        })();
    }
    deleteRows(runId, steps) {
        const del = this.db.prepare('DELETE FROM checkpoints WHERE run_id = ? AND step = ?');
        this.db.transaction(() => {
            for (const s of steps)
                del.run(runId, s);
        })();
    }
}
