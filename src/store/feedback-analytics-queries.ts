import { type DateRange, rangeBounds } from '../analytics/date-range.ts';
import type { FeedbackAnalytics, OutcomeCounts, ServiceFeedbackAnalytics } from './card-store.ts';
import type { SqlExecutor } from './sql-executor.ts';

/**
 * The cards issued in the range and, for each card that received feedback, its latest feedback (by outcome time):
 * a clinician who first overrode and then accepted a card counts once, as accepted.
 */
const CARDS_WITH_LATEST = `
  with cards as (
    select c.id, c.service_id, c.card_uuid, coalesce(c.status, 'none') as status, c.criteria
    from issued_card c
    where c.issued_at >= $1::timestamptz and c.issued_at < $2::timestamptz
  ), latest as (
    select distinct on (c.id) c.id as card_id, f.outcome, f.reason_system, f.reason_code, f.reason_display, f.has_comment
    from cards c
    join card_feedback f on f.service_id = c.service_id and f.card_uuid = c.card_uuid
    order by c.id, f.outcome_at desc, f.id desc
  )`;

const COUNTS = `
  count(*)::int as issued,
  (count(*) filter (where l.outcome = 'accepted'))::int as accepted,
  (count(*) filter (where l.outcome = 'overridden'))::int as overridden,
  (count(*) filter (where l.outcome is null))::int as ignored`;

type CountRow = OutcomeCounts & { service_id: string };

/** Runs the analytics queries in one snapshot and assembles the report. */
export async function queryFeedbackAnalytics(db: SqlExecutor, range: DateRange): Promise<FeedbackAnalytics> {
  const { start, end } = rangeBounds(range);
  const params = [start, end];
  const rows = await db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read');
    const byStatus = await tx.query<CountRow & { status: string }>(
      `${CARDS_WITH_LATEST}
       select c.service_id, c.status, ${COUNTS}
       from cards c left join latest l on l.card_id = c.id
       group by c.service_id, c.status order by c.service_id, c.status`,
      params,
    );
    const byCriterion = await tx.query<CountRow & { criterion_id: string; status: string }>(
      `${CARDS_WITH_LATEST}
       select c.service_id, k.criterion_id, k.status, ${COUNTS}
       from cards c cross join lateral jsonb_each_text(c.criteria) as k(criterion_id, status)
         left join latest l on l.card_id = c.id
       group by c.service_id, k.criterion_id, k.status order by c.service_id, k.criterion_id, k.status`,
      params,
    );
    const reasons = await tx.query<{
      service_id: string;
      reason_system: string | null;
      reason_code: string;
      reason_display: string | null;
      count: number;
    }>(
      `${CARDS_WITH_LATEST}
       select c.service_id, l.reason_system, l.reason_code, max(l.reason_display) as reason_display,
         count(*)::int as count
       from cards c join latest l on l.card_id = c.id
       where l.outcome = 'overridden' and l.reason_code is not null
       group by c.service_id, l.reason_system, l.reason_code
       order by c.service_id, count desc, l.reason_code`,
      params,
    );
    const overrides = await tx.query<{ service_id: string; with_comment: number; without_reason: number }>(
      `${CARDS_WITH_LATEST}
       select c.service_id,
         (count(*) filter (where l.has_comment))::int as with_comment,
         (count(*) filter (where l.reason_code is null and not l.has_comment))::int as without_reason
       from cards c join latest l on l.card_id = c.id
       where l.outcome = 'overridden'
       group by c.service_id`,
      params,
    );
    const unknown = await tx.query<{ service_id: string; outcome: 'accepted' | 'overridden'; count: number }>(
      `select service_id, outcome, count(*)::int as count
       from card_feedback
       where not known_card and received_at >= $1::timestamptz and received_at < $2::timestamptz
       group by service_id, outcome`,
      params,
    );
    return { byStatus, byCriterion, reasons, overrides, unknown };
  });

  const services = new Map<string, ServiceFeedbackAnalytics>();
  const service = (id: string) => {
    let s = services.get(id);
    if (!s) {
      s = {
        serviceId: id,
        issued: 0,
        accepted: 0,
        overridden: 0,
        ignored: 0,
        byStatus: [],
        byCriterion: [],
        overrideReasons: [],
        overridesWithComment: 0,
        overridesWithoutReason: 0,
        unknownCardFeedback: { accepted: 0, overridden: 0 },
      };
      services.set(id, s);
    }
    return s;
  };
  const counts = (r: OutcomeCounts): OutcomeCounts => ({
    issued: r.issued,
    accepted: r.accepted,
    overridden: r.overridden,
    ignored: r.ignored,
  });
  for (const r of rows.byStatus) {
    const s = service(r.service_id);
    s.byStatus.push({ status: r.status, ...counts(r) });
    s.issued += r.issued;
    s.accepted += r.accepted;
    s.overridden += r.overridden;
    s.ignored += r.ignored;
  }
  for (const r of rows.byCriterion) {
    service(r.service_id).byCriterion.push({ criterion: r.criterion_id, status: r.status, ...counts(r) });
  }
  for (const r of rows.reasons) {
    service(r.service_id).overrideReasons.push({
      ...(r.reason_system ? { system: r.reason_system } : {}),
      code: r.reason_code,
      ...(r.reason_display ? { display: r.reason_display } : {}),
      count: r.count,
    });
  }
  for (const r of rows.overrides) {
    const s = service(r.service_id);
    s.overridesWithComment = r.with_comment;
    s.overridesWithoutReason = r.without_reason;
  }
  for (const r of rows.unknown) service(r.service_id).unknownCardFeedback[r.outcome] = r.count;
  return {
    from: range.from,
    to: range.to,
    services: [...services.values()].sort((a, b) => a.serviceId.localeCompare(b.serviceId)),
  };
}
