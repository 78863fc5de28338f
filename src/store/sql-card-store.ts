import type { FeedbackEntry } from '../cds/schemas/feedback.ts';
import type {
  CardLogPurge,
  CardStore,
  FeedbackAnalyticsSource,
  FeedbackResult,
  InvocationBatches,
  InvocationRecord,
  LinkSnapshots,
  LoggedCard,
  PurgeResult,
} from './card-store.ts';
import { queryFeedbackAnalytics } from './feedback-analytics-queries.ts';
import { feedbackKey } from './feedback-key.ts';
import { OTHER_OVERRIDE_REASON } from './other-override-reason.ts';
import type { SqlExecutor } from './sql-executor.ts';
import { createSqlLinkStore } from './sql-link-store.ts';

export type SqlCardStore = CardStore &
  CardLogPurge &
  FeedbackAnalyticsSource &
  InvocationBatches &
  LinkSnapshots & { readonly db: SqlExecutor };

/**
 * Inserts the whole batch in one statement (so one transaction): every entry is stored or none is. Duplicates, within
 * the batch or with earlier batches, are skipped by the unique idempotency key.
 *
 * An override reason is kept only as one the card offered, in the card's own words (system, code and display from
 * the card log): a reason the card did not offer, or any reason about a card not in the log, becomes "other reason"
 * without its text. Codes and displays are free text to the client, and a name or record number typed into one
 * would otherwise be kept for the retention period and returned by the analytics. A reason without a system matches
 * the offered reason with its code.
 */
const INSERT_FEEDBACK = `
  insert into card_feedback (dedupe_key, service_id, card_uuid, known_card, outcome, outcome_at, received_at,
    accepted_suggestions, reason_system, reason_code, reason_display, has_comment)
  select e.dedupe_key, $1, e.card_uuid, card.override_reasons is not null,
    e.outcome, e.outcome_at, $2::timestamptz, e.accepted_suggestions,
    case when e.reason_code is null then null else coalesce(offered.reason->>'system', $4) end,
    case when e.reason_code is null then null else coalesce(offered.reason->>'code', $5) end,
    case when e.reason_code is null then null else coalesce(offered.reason->>'display', $6) end,
    e.has_comment
  from jsonb_to_recordset($3::jsonb) as e(ord int, dedupe_key text, card_uuid text, outcome text,
    outcome_at timestamptz, accepted_suggestions jsonb, reason_system text, reason_code text, has_comment boolean)
  left join lateral (
    select c.override_reasons from issued_card c where c.service_id = $1 and c.card_uuid = e.card_uuid
    order by c.id desc limit 1
  ) card on true
  left join lateral (
    select r as reason from jsonb_array_elements(card.override_reasons) r
    where r->>'code' = e.reason_code and (e.reason_system is null or r->>'system' = e.reason_system)
    limit 1
  ) offered on true
  order by e.ord
  on conflict (dedupe_key) do nothing
  returning known_card`;

/**
 * A batch of invocations with their cards in one statement (so one transaction and one round trip to the store): each
 * invocation takes its id from the sequence once, in batch order, in the materialised CTE, and its cards reference it.
 */
const INSERT_INVOCATIONS = `
  with r as materialized (
    select nextval(pg_get_serial_sequence('card_invocation', 'id')) as id, i.*
    from jsonb_to_recordset($1::jsonb) as i(ord int, hook_instance text, service_id text, issued_at timestamptz,
      policy_id text, policy_version text, patient_key text, cards jsonb)
    order by i.ord
  ), invocation as (
    insert into card_invocation (id, hook_instance, service_id, issued_at, policy_id, policy_version, patient_key)
    select id, hook_instance, service_id, issued_at, policy_id, policy_version, patient_key from r
  )
  insert into issued_card (invocation_id, service_id, issued_at, card_uuid, indicator, status, findings,
    suggestion_uuids, criteria, override_reasons)
  select r.id, r.service_id, r.issued_at, c.card_uuid, c.indicator, c.status, c.findings, c.suggestion_uuids,
    c.criteria, c.override_reasons
  from r, jsonb_to_recordset(r.cards) as c(ord int, card_uuid text, indicator text, status text, findings jsonb,
    suggestion_uuids jsonb, criteria jsonb, override_reasons jsonb)
  order by r.ord, c.ord`;

/** The card store over SQL: one implementation for the embedded (PGlite) and the PostgreSQL backend. */
export function createSqlCardStore(db: SqlExecutor): SqlCardStore {
  async function recordInvocations(records: InvocationRecord[]): Promise<void> {
    if (!records.length) return;
    const rows = records.map((r, ord) => ({
      ord,
      hook_instance: r.hookInstance,
      service_id: r.serviceId,
      issued_at: r.issuedAt,
      policy_id: r.policy.id,
      policy_version: r.policy.version,
      patient_key: r.patientKey,
      cards: r.cards.map((card, cardOrd) => ({
        ord: cardOrd,
        card_uuid: card.uuid,
        indicator: card.indicator,
        status: card.status ?? null,
        findings: card.findings,
        suggestion_uuids: card.suggestionUuids,
        override_reasons: card.overrideReasons,
        criteria: criteriaByIdOf(card),
      })),
    }));
    await db.query(INSERT_INVOCATIONS, [JSON.stringify(rows)]);
  }

  return {
    db,
    links: createSqlLinkStore(db),
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
        has_comment: (entry.overrideReason?.userComment ?? '').trim().length > 0,
      }));
      const stored = await db.query<{ known_card: boolean }>(INSERT_FEEDBACK, [
        serviceId,
        receivedAt,
        JSON.stringify(rows),
        OTHER_OVERRIDE_REASON.system,
        OTHER_OVERRIDE_REASON.code,
        OTHER_OVERRIDE_REASON.display,
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
