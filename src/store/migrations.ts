import type { SqlExecutor } from './sql-executor.ts';

/** One schema change. Applied in order, once, each in the same transaction as its bookkeeping row. Never edit one. */
export interface Migration {
  id: string;
  sql: string;
}

/**
 * The card log and feedback schema, shared by the embedded (PGlite) and PostgreSQL backends.
 * No patient ids, names, resource bodies or tokens: the patient is a keyed hash, and an override's free-text comment is
 * reduced to whether there was one (free text may name the patient).
 */
export const MIGRATIONS: Migration[] = [
  {
    id: '001-card-log-and-feedback',
    sql: `
      create table card_invocation (
        id bigserial primary key,
        hook_instance text not null,
        service_id text not null,
        issued_at timestamptz not null,
        policy_id text not null,
        policy_version text not null,
        patient_key text not null
      );
      create index card_invocation_issued_at on card_invocation (issued_at);

      create table issued_card (
        id bigserial primary key,
        invocation_id bigint not null references card_invocation (id) on delete cascade,
        service_id text not null,
        issued_at timestamptz not null,
        card_uuid text not null,
        indicator text not null,
        status text,
        findings jsonb not null default '[]',
        suggestion_uuids jsonb not null default '[]'
      );
      create index issued_card_service_uuid on issued_card (service_id, card_uuid);
      create index issued_card_issued_at on issued_card (issued_at);
      create index issued_card_invocation on issued_card (invocation_id);

      create table card_criterion (
        card_id bigint not null references issued_card (id) on delete cascade,
        criterion_id text not null,
        status text not null,
        primary key (card_id, criterion_id)
      );

      create table card_feedback (
        id bigserial primary key,
        dedupe_key text not null unique,
        service_id text not null,
        card_uuid text not null,
        known_card boolean not null,
        outcome text not null check (outcome in ('accepted', 'overridden')),
        outcome_at timestamptz not null,
        received_at timestamptz not null,
        accepted_suggestions jsonb not null default '[]',
        reason_system text,
        reason_code text,
        reason_display text,
        has_comment boolean not null default false
      );
      create index card_feedback_service_uuid on card_feedback (service_id, card_uuid);
      create index card_feedback_received_at on card_feedback (received_at);
    `,
  },
  {
    // A card's criteria move into the card's row, `{"<criterion id>": "<status>"}`: one row per card instead of one
    // per criterion made the criteria most of the card log's write cost. Every criterion already logged is carried
    // over before the table goes.
    id: '002-card-criteria-in-card',
    sql: `
      alter table issued_card add column criteria jsonb not null default '{}';
      update issued_card c set criteria = k.criteria
      from (
        select card_id, jsonb_object_agg(criterion_id, status) as criteria from card_criterion group by card_id
      ) k
      where k.card_id = c.id;
      drop table card_criterion;
    `,
  },
  {
    // Capability-link snapshots (timeline pages, prior-authorization summaries), shared by every instance that opens
    // this store. Keyed by the SHA-256 of the link's token, never the token; the snapshot has no patient id. Rows live
    // until expires_at: a read of an expired row deletes it and a scheduled purge deletes the rest.
    id: '003-link-snapshots',
    sql: `
      create table link_snapshot (
        key text primary key,
        kind text not null check (kind in ('timeline', 'prior-auth')),
        hook_instance text not null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        snapshot text not null
      );
      create index link_snapshot_expires_at on link_snapshot (expires_at);
    `,
  },
  {
    // The override reasons each card offered, so that feedback keeps only those (src/store/sql-card-store.ts). Every
    // card logged before this migration offered the five reasons below (src/cds/cards/card-source.ts at the time).
    id: '004-card-override-reasons',
    sql: `
      alter table issued_card add column override_reasons jsonb not null default '[]';
      update issued_card set override_reasons = '[
        {"system": "http://migraine-cds.org/fhir/CodeSystem/override-reason", "code": "documented-elsewhere",
         "display": "Criteria documented outside this record"},
        {"system": "http://migraine-cds.org/fhir/CodeSystem/override-reason", "code": "data-incorrect",
         "display": "The data shown is incorrect or outdated"},
        {"system": "http://migraine-cds.org/fhir/CodeSystem/override-reason", "code": "clinical-judgement",
         "display": "Clinical judgement: benefit outweighs the concern"},
        {"system": "http://migraine-cds.org/fhir/CodeSystem/override-reason", "code": "patient-declined",
         "display": "Patient declined"},
        {"system": "http://migraine-cds.org/fhir/CodeSystem/override-reason", "code": "already-addressed",
         "display": "Already addressed at this visit"}
      ]'::jsonb;
    `,
  },
];

/**
 * Applies the migrations not yet applied. Safe to run at every start and from several instances at once: a
 * transaction-scoped advisory lock serialises concurrent runners.
 */
export async function runMigrations(db: SqlExecutor, migrations: Migration[] = MIGRATIONS): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext('migraine-cds:card-store:migrations'))`);
    await tx.exec(`create table if not exists schema_migrations (
      id text primary key,
      applied_at timestamptz not null default now()
    )`);
    const done = new Set((await tx.query<{ id: string }>('select id from schema_migrations')).map((r) => r.id));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (id) values ($1)', [migration.id]);
      applied.push(migration.id);
    }
    return applied;
  });
}
