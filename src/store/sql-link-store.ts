import type { LinkKind, StoredTimeline, TimelineStore } from '../timeline/timeline-store.ts';
import type { SqlQueryable } from './sql-executor.ts';

interface LinkRow {
  key: string;
  kind: LinkKind;
  hook_instance: string;
  created_ms: number;
  expires_ms: number;
  snapshot: string;
}

// Instants travel as epoch milliseconds: both drivers read them back the same way, and ISO strings come back as saved.
const SELECT_LINK = `
  select key, kind, hook_instance, snapshot,
    (extract(epoch from created_at) * 1000)::float8 as created_ms,
    (extract(epoch from expires_at) * 1000)::float8 as expires_ms
  from link_snapshot where key = $1`;

/**
 * Capability-link snapshots (timeline pages and prior-authorization summaries) in the card store's `link_snapshot`
 * table: every instance sharing the database opens every link. Bounded by time to live only, never by other calls:
 * an expired row is deleted when read and by `purgeExpired`, which the card store runs on a schedule.
 */
export function createSqlLinkStore(db: SqlQueryable): TimelineStore {
  return {
    async save(entry) {
      await db.query(
        `insert into link_snapshot (key, kind, hook_instance, created_at, expires_at, snapshot)
         values ($1, $2, $3, $4::timestamptz, $5::timestamptz, $6)
         on conflict (key) do update set kind = excluded.kind, hook_instance = excluded.hook_instance,
           created_at = excluded.created_at, expires_at = excluded.expires_at, snapshot = excluded.snapshot`,
        [entry.key, entry.kind, entry.hookInstance, entry.createdAt, entry.expiresAt, entry.snapshot],
      );
    },
    async load(key, now): Promise<StoredTimeline | undefined> {
      const [row] = await db.query<LinkRow>(SELECT_LINK, [key]);
      if (!row) return undefined;
      if (row.expires_ms <= now.getTime()) {
        // Only if it is still the expired row: a concurrent save under the same key is kept.
        await db.query('delete from link_snapshot where key = $1 and expires_at <= $2::timestamptz', [
          key,
          now.toISOString(),
        ]);
        return undefined;
      }
      return {
        kind: row.kind,
        key: row.key,
        hookInstance: row.hook_instance,
        createdAt: new Date(row.created_ms).toISOString(),
        expiresAt: new Date(row.expires_ms).toISOString(),
        snapshot: row.snapshot,
      };
    },
    async purgeExpired(now) {
      const [row] = await db.query<{ n: number }>(
        `with gone as (delete from link_snapshot where expires_at <= $1::timestamptz returning 1)
         select count(*)::int as n from gone`,
        [now.toISOString()],
      );
      return row?.n ?? 0;
    },
  };
}
