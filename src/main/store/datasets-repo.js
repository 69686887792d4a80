const SELECT_DATASET = `SELECT d.*, (SELECT COUNT(*) FROM sessions s WHERE s.dataset_id = d.id) AS n_sessions
  FROM datasets d`;
export class DatasetsRepo {
    db;
    constructor(db) {
        this.db = db;
    }
    /** Inserts a dataset with all its rows. Call inside a transaction (the import makes it atomic with the file). */
    insert(d) {
        const areas = [...new Set(d.sessions.flatMap((s) => Object.keys(s.summary.unitsPerArea)))].sort();
        const nUnits = d.sessions.reduce((n, s) => n + s.summary.nUnits, 0);
        const nTrials = d.sessions.reduce((n, s) => n + s.summary.nTrials, 0);
        const hasBehaviour = d.sessions.some((s) => s.summary.behaviour.length > 0);
        this.db
            .prepare(`INSERT INTO datasets (id, name, content_hash, mapping_json, h5_file, areas_json, n_units, n_trials,
           has_behaviour, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
            .run(d.id, d.name, d.contentHash, JSON.stringify(d.mapping), d.h5File, JSON.stringify(areas), nUnits, nTrials, hasBehaviour ? 1 : 0, d.createdAt);
        const file = this.db.prepare('INSERT INTO dataset_files (dataset_id, position, path, sha256) VALUES (?, ?, ?, ?)');
        d.files.forEach((f, i) => file.run(d.id, i, f.path, f.sha256));
        const session = this.db.prepare('INSERT INTO sessions (dataset_id, idx, name, source_file, summary_json) VALUES (?, ?, ?, ?, ?)');
        const unit = this.db.prepare('INSERT INTO units (dataset_id, session_idx, idx, source_id, area, type, rate_hz) VALUES (?, ?, ?, ?, ?, ?, ?)');
        const trial = this.db.prepare(`INSERT INTO trials (dataset_id, session_idx, idx, source_index, outcome, stimulus, align_time)
       VALUES (?, ?, ?, ?, ?, ?, ?)`);
        d.sessions.forEach((s, si) => {
            session.run(d.id, si, s.summary.name, s.summary.sourceFile, JSON.stringify(s.summary));
            s.units.forEach((u, i) => unit.run(d.id, si, i, u.sourceId, u.area, u.type, u.firingRateHz));
            s.trials.forEach((t, i) => trial.run(d.id, si, i, t.sourceIndex, t.outcome, t.stimulus, t.alignTime));
        });
    }
    get(id) {
        return this.db.prepare(`${SELECT_DATASET} WHERE d.id = ?`).get(id);
    }
    findByHash(contentHash) {
        return this.db.prepare(`${SELECT_DATASET} WHERE d.content_hash = ?`).get(contentHash);
    }
    findByName(name) {
        return this.db.prepare(`${SELECT_DATASET} WHERE d.name = ?`).all(name);
    }
    /** All datasets, newest first. */
    list() {
        return this.db.prepare(`${SELECT_DATASET} ORDER BY d.created_at DESC, d.rowid DESC`).all();
    }
    names() {
        return this.db.prepare('SELECT name FROM datasets').all().map((r) => r.name);
    }
    sessions(id) {
        const rows = this.db
            .prepare('SELECT summary_json FROM sessions WHERE dataset_id = ? ORDER BY idx')
            .all(id);
        return rows.map((r) => JSON.parse(r.summary_json));
    }
    files(id) {
        return this.db
            .prepare('SELECT path, sha256 FROM dataset_files WHERE dataset_id = ? ORDER BY position')
            .all(id);
    }
    units(id, session) {
        const rows = this.db
            .prepare('SELECT source_id, area, type, rate_hz FROM units WHERE dataset_id = ? AND session_idx = ? ORDER BY idx')
            .all(id, session);
        return rows.map((r) => ({ sourceId: r.source_id, area: r.area, type: r.type, firingRateHz: r.rate_hz }));
    }
    trials(id, session) {
        const rows = this.db
            .prepare(`SELECT source_index, outcome, stimulus, align_time FROM trials WHERE dataset_id = ? AND session_idx = ?
         ORDER BY idx`)
            .all(id, session);
        return rows.map((r) => ({ sourceIndex: r.source_index, outcome: r.outcome, stimulus: r.stimulus, alignTime: r.align_time }));
    }
    rename(id, name) {
        this.db.prepare('UPDATE datasets SET name = ? WHERE id = ?').run(name, id);
    }
    /** Deletes the dataset and (by cascade) its files, sessions, units and trials rows. */
    delete(id) {
        this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
    }
}
/** The summary the contract exposes for one row. */
export function toSummary(r) {
    return {
        id: r.id,
        name: r.name,
        sessions: r.n_sessions,
        areas: JSON.parse(r.areas_json),
        nUnits: r.n_units,
        nTrials: r.n_trials,
        createdAt: r.created_at,
        hasBehaviour: r.has_behaviour === 1
    };
}
