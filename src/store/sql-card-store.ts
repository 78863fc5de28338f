import type { FeedbackEntry } from '../cds/schemas/feedback.ts';
import type {
  CardLogPurge,
  CardStore,
  FeedbackAnalyticsSource,
  FeedbackResult,
  InvocationBatches,
  InvocationRecord,
  LoggedCard,
  PurgeResult,
} from './card-store.ts';
import { queryFeedbackAnalytics } from './feedback-analytics-queries.ts';
import { feedbackKey } from './feedback-key.ts';
import type { SqlExecutor } from './sql-executor.ts';

export type SqlCardStore = CardStore &
  CardLogPurge &
  FeedbackAnalyticsSource &
  InvocationBatches & { readonly db: SqlExecutor };

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
  async function recordInvocations(records: InvocationRecord[]): Promise<void> {
    if (!records.length) return;
    const cards = records.flatMap((r, i) => r.cards.map((card) => ({ card, record: r, invocation: i })));
    await db.transaction(async (tx) => {
      // Ids are reserved first, so that a whole batch goes in with three statements whatever its size.
      const invocationIds = await tx.query<{ id: string }>(
        `select nextval(pg_get_serial_sequence('card_invocation', 'id'))::text as id from generate_series(1, $1::int)`,
        [records.length],
      );
      const cardIds = cards.length
        ? await tx.query<{ id: string }>(
            `select nextval(pg_get_serial_sequence('issued_card', 'id'))::text as id from generate_series(1, $1::int)`,
            [cards.length],
          )
        : [];
      await tx.query(
        `insert into card_invocation (id, hook_instance, service_id, issued_at, policy_id, policy_version, patient_key)
         select r.id, r.hook_instance, r.service_id, r.issued_at, r.policy_id, r.policy_version, r.patient_key
         from jsonb_to_recordset($1::jsonb) as r(id bigint, hook_instance text, service_id text,
           issued_at timestamptz, policy_id text, policy_version text, patient_key text)`,
        [
          JSON.stringify(
            records.map((r, i) => ({
              id: invocationIds[i]?.id,
              hook_instance: r.hookInstance,
              service_id: r.serviceId,
              issued_at: r.issuedAt,
              policy_id: r.policy.id,
              policy_version: r.policy.version,
              patient_key: r.patientKey,
            })),
          ),
        ],
      );
      if (!cards.length) return;
      await tx.query(
        `insert into issued_card (id, invocation_id, service_id, issued_at, card_uuid, indicator, status, findings,
           suggestion_uuids, criteria)
         select c.id, c.invocation_id, c.service_id, c.issued_at, c.card_uuid, c.indicator, c.status, c.findings,
           c.suggestion_uuids, c.criteria
         from jsonb_to_recordset($1::jsonb) as c(id bigint, invocation_id bigint, service_id text,
           issued_at timestamptz, card_uuid text, indicator text, status text, findings jsonb, suggestion_uuids jsonb,
           criteria jsonb)`,
        [
          JSON.stringify(
            cards.map(({ card, record, invocation }, i) => ({
              id: cardIds[i]?.id,
              invocation_id: invocationIds[invocation]?.id,
              service_id: record.serviceId,
              issued_at: record.issuedAt,
              card_uuid: card.uuid,
              indicator: card.indicator,
              status: card.status ?? null,
              findings: card.findings,
              suggestion_uuids: card.suggestionUuids,
              criteria: criteriaByIdOf(card),
            })),
          ),
        ],
      );
    });
  }

  return {
    db,
    recordInvocation: (record: InvocationRecord) => recordInvocations([record]),
    recordInvocations,

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

/** A card's criteria as the log keeps them, `{ id: status }`; a criterion listed twice keeps its first status. */
function criteriaByIdOf(card: LoggedCard): Record<string, string> {
  const byId: Record<string, string> = {};
  for (const c of card.criteria) if (!Object.hasOwn(byId, c.id)) byId[c.id] = c.status;
  return byId;
}
