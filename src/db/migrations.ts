/**
 * Versioned schema migrations. Append new entries; never edit an applied one.
 * Each migration runs in its own transaction and is recorded in `schema_migrations`.
 */
import type { Database } from './Database'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'vintages, trade observations, generic cited datasets',
    sql: `
      CREATE TABLE vintages (
        id INTEGER PRIMARY KEY,
        kind VARCHAR NOT NULL,
        format VARCHAR NOT NULL,
        file_name VARCHAR NOT NULL,
        file_sha256 VARCHAR NOT NULL,
        imported_at TIMESTAMP NOT NULL,
        rows_read INTEGER NOT NULL,
        rows_inserted INTEGER NOT NULL,
        rows_revised INTEGER NOT NULL,
        rows_unchanged INTEGER NOT NULL
      );
      CREATE TABLE trade_observations (
        period VARCHAR NOT NULL,        -- YYYY-MM (month, ytd) or YYYY (year)
        period_kind VARCHAR NOT NULL,   -- month | ytd | year
        flow VARCHAR NOT NULL,          -- export | import
        product VARCHAR NOT NULL,       -- base product, e.g. magnets, rare_earths
        partner VARCHAR NOT NULL,       -- ISO3 or WLD/EUN/XEU
        quantity_t DOUBLE,
        value_usd DOUBLE,
        basis VARCHAR NOT NULL,         -- stated | derived
        source_url VARCHAR NOT NULL,
        source_date VARCHAR,
        note VARCHAR,
        flag VARCHAR,                   -- error_likely | conflict | NULL
        row_key VARCHAR NOT NULL,       -- identity of the observation across vintages
        row_hash VARCHAR NOT NULL,      -- content, to tell revisions from repeats
        vintage_id INTEGER NOT NULL,
        line INTEGER,
        superseded_by INTEGER           -- vintage that revised this row; NULL = current
      );
      CREATE INDEX trade_obs_key ON trade_observations(row_key);
      CREATE TABLE dataset_rows (
        kind VARCHAR NOT NULL,
        row_key VARCHAR NOT NULL,
        row_hash VARCHAR NOT NULL,
        data JSON NOT NULL,
        source_url VARCHAR,
        vintage_id INTEGER NOT NULL,
        line INTEGER,
        superseded_by INTEGER
      );
      CREATE INDEX dataset_rows_key ON dataset_rows(kind, row_key);
    `,
  },
  {
    version: 2,
    name: 'alert rules',
    sql: `
      CREATE SEQUENCE alert_rule_ids START 1;
      CREATE TABLE alert_rules (
        id INTEGER PRIMARY KEY DEFAULT nextval('alert_rule_ids'),
        name VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        params JSON NOT NULL,
        created_at TIMESTAMP NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'vintages record rows removed by snapshot imports',
    sql: `ALTER TABLE vintages ADD COLUMN rows_removed INTEGER DEFAULT 0;`,
  },
  {
    version: 4,
    // Row-key matching runs as hash joins; the ART index only cost about a fifth of a 5M-row bulk import.
    name: 'drop the unused row_key index on trade observations',
    sql: `DROP INDEX IF EXISTS trade_obs_key;`,
  },
]

export async function migrate(db: Database): Promise<number> {
  await db.run(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)`
  )
  const applied = new Set(
    (await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map(
      (r) => r.version
    )
  )
  let count = 0
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue
    await db.transaction(async (tx) => {
      await tx.run(m.sql)
      await tx.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ])
    })
    count++
  }
  return count
}

export async function schemaVersion(db: Database): Promise<number> {
  const row = await db.one<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')
  return row?.v ?? 0
}
