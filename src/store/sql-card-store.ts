import type { FeedbackEntry } from '../cds/schemas/feedback.ts';
import type {
  CardLogPurge,
  CardStore,
  FeedbackAnalyticsSource,
  FeedbackResult,
  InvocationRecord,
  PurgeResult,
} from './card-store.ts';
import { queryFeedbackAnalytics } from './feedback-analytics-queries.ts';
import { feedbackKey } from './feedback-key.ts';
import type { SqlExecutor } from './sql-executor.ts';

export type SqlCardStore = CardStore & CardLogPurge & FeedbackAnalyticsSource & { readonly db: SqlExecutor };

/**
 * Inserts the whole batch in one statement (so one transaction): every entry is stored or none is. Duplicates, within
 * the batch or with earlier batches, are skipped by the unique idempotency key.
 */
const INSERT_FEEDBACK = `
  insert into card_feedback (dedupe_key, service_id, card_uuid, known_card, outcome, outcome_at, received_at,
    accepted_suggestions, reason_system, reason_code, reason_display, has_comment)
  select e.dedupe_key, $1, e.card_uuid,
    exists (select 1 from issued_card c where c.service_id = $1 and c.card_uuid = e.card_uuid),
    e.outcome, e.outcome_at, $2::timestamptz, e.accepted_suggestions,
    e.reason_system, e.reason_code, e.reason_display, e.has_comment
  from jsonb_to_recordset($3::jsonb) as e(ord int, dedupe_key text, card_uuid text, outcome text,
    outcome_at timestamptz, accepted_suggestions jsonb, reason_system text, reason_code text, reason_display text,
    has_comment boolean)
  order by e.ord
  on conflict (dedupe_key) do nothing
  returning known_card`;

/** The card store over SQL: one implementation for the embedded (PGlite) and the PostgreSQL backend. */
export function createSqlCardStore(db: SqlExecutor): SqlCardStore {
  return {
    db,
    async recordInvocation(record: InvocationRecord) {
      await db.transaction(async (tx) => {
        const [invocation] = await tx.query<{ id: string }>(
          `insert into card_invocation (hook_instance, service_id, issued_at, policy_id, policy_version, patient_key)
           values ($1, $2, $3::timestamptz, $4, $5, $6) returning id`,
          [
            record.hookInstance,
            record.serviceId,
            record.issuedAt,
            record.policy.id,
            record.policy.version,
            record.patientKey,
          ],
        );
        for (const card of record.cards) {
          const [row] = await tx.query<{ id: string }>(
            `insert into issued_card (invocation_id, service_id, issued_at, card_uuid, indicator, status, findings,
               suggestion_uuids)
             values ($1, $2, $3::timestamptz, $4, $5, $6, $7::jsonb, $8::jsonb) returning id`,
            [
              invocation?.id,
              record.serviceId,
              record.issuedAt,
              card.uuid,
              card.indicator,
              card.status ?? null,
              JSON.stringify(card.findings),
              JSON.stringify(card.suggestionUuids),
            ],
          );
          if (!card.criteria.length) continue;
          await tx.query(
            `insert into card_criterion (card_id, criterion_id, status)
             select $1, c.id, c.status from jsonb_to_recordset($2::jsonb) as c(id text, status text)
             on conflict do nothing`,
            [row?.id, JSON.stringify(card.criteria.map((c) => ({ id: c.id, status: c.status })))],
          );
        }
      });
    },

    async recordFeedback(serviceId: string, entries: FeedbackEntry[], receivedAt: string): Promise<FeedbackResult> {
      if (!entries.length) return { stored: 0, duplicates: 0, unknownCards: 0 };
      const rows = entries.map((entry, ord) => ({
        ord,
        dedupe_key: feedbackKey(serviceId, entry),
        card_uuid: entry.card,
        outcome: entry.outcome,
        outcome_at: entry.outcomeTimestamp,
        accepted_suggestions: (entry.acceptedSuggestions ?? []).map((s) => s.id),
        reason_system: entry.overrideReason?.reason?.system ?? null,
        reason_code: entry.overrideReason?.reason?.code ?? null,
        reason_display: entry.overrideReason?.reason?.display ?? null,
        has_comment: (entry.overrideReason?.userComment ?? '').trim().length > 0,
      }));
      const stored = await db.query<{ known_card: boolean }>(INSERT_FEEDBACK, [
        serviceId,
        receivedAt,
        JSON.stringify(rows),
      ]);
      return {
        stored: stored.length,
        duplicates: entries.length - stored.length,
        unknownCards: stored.filter((r) => !r.known_card).length,
      };
    },

    async purgeCardLog(before: Date): Promise<PurgeResult> {
      return db.transaction(async (tx) => {
        const cutoff = before.toISOString();
        const count = async (table: string, column: string) => {
          const [row] = await tx.query<{ n: number }>(
            `with gone as (delete from ${table} where ${column} < $1::timestamptz returning 1) select count(*)::int as n from gone`,
            [cutoff],
          );
          return row?.n ?? 0;
        };
        return {
          invocations: await count('card_invocation', 'issued_at'),
          feedback: await count('card_feedback', 'received_at'),
        };
      });
    },

    feedbackAnalytics: (range) => queryFeedbackAnalytics(db, range),

    async ping() {
      await db.query('select 1');
    },
    close: () => db.close(),
  };
}
