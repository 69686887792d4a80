// Migrations: ordered by user_version, each atomic, idempotent on re-open, refuse a newer schema.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/main/store/db';
import { migrate, migrations } from '../../../src/main/store/migrations';
const dirs = [];
const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'rsnn-mig-'));
    dirs.push(d);
    return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
describe('openDb', () => {
    it('opens with WAL, foreign keys and busy_timeout, migrated to the latest version', () => {
        const file = join(tmp(), 'sub', 'studio.db');
        const db = openDb(file);
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
        expect(db.pragma('busy_timeout', { simple: true })).toBe(10000);
        expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
        db.close();
        const again = openDb(file); // re-open: nothing to do, no error
        expect(again.pragma('user_version', { simple: true })).toBe(migrations.length);
        again.close();
    });
});
describe('migrate', () => {
    const create = (t) => ({ name: t, up: (db) => db.exec(`CREATE TABLE ${t} (x)`) });
    it('applies only the missing migrations, in order', () => {
        const db = new Database(':memory:');
        migrate(db, [create('a')]);
        migrate(db, [create('a'), create('b')]);
        expect(db.pragma('user_version', { simple: true })).toBe(2);
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all();
        expect(tables).toEqual([{ name: 'a' }, { name: 'b' }]);
    });
    it('rolls a failing migration back entirely and names it', () => {
        const db = new Database(':memory:');
        const bad = { name: 'half', up: (d) => d.exec('CREATE TABLE c (x); CREATE TABLE c (y);') };
        expect(() => migrate(db, [create('a'), bad])).toThrow(/migration 2 \(half\) failed/);
        expect(db.pragma('user_version', { simple: true })).toBe(1);
        expect(db.prepare("SELECT name FROM sqlite_master WHERE name='c'").all()).toEqual([]);
    });
    it('refuses a database from a newer app', () => {
        const db = new Database(':memory:');
        db.pragma('user_version = 99');
        expect(() => migrate(db, [create('a')])).toThrow(/newer than this app/);
    });
});
