// What one schema migration is (its own file: the *-schema.ts files define migrations, migrations.ts lists them).
import type Database from 'better-sqlite3'

export interface Migration {
  /** Short description, shown when a migration fails. */
  name: string
  up(db: Database.Database): void
}
