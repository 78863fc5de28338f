import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMemoryLogger } from '../../src/log/logger.ts';
import { MIGRATIONS, runMigrations } from '../../src/store/migrations.ts';
import { retentionCutoff, scheduleRetentionPurge } from '../../src/store/retention.ts';
import type { SqlCardStore } from '../../src/store/sql-card-store.ts';
import { type BackendLocation, storeBackends } from './store-backends.ts';
import {
  accepted,
  dayBefore,
  daysBefore,
  invocation,
  loggedCard,
  OVERRIDE_REASON_SYSTEM,
  overridden,
} from './store-fixtures.ts';

/** The evaluation instant every date in this file is relative to. */
const NOW = new Date();

describe.each(storeBackends())('card store ($name)', (backend) => {
  let location: BackendLocation;
  let store: SqlCardStore;
  const rows = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => store.db.query<T>(sql, params);
  const feedbackRows = (serviceId: string) =>
    rows<{ card_uuid: string; known_card: boolean; outcome: string }>(
      'select card_uuid, known_card, outcome from card_feedback where service_id = $1 order by id',
      [serviceId],
    );

  beforeAll(async () => {
    location = backend.create();
    store = await location.open();
  });
  afterAll(async () => {
    await store?.close();
    await location?.destroy();
  });

  test('migrations run once: running them again, even concurrently, applies nothing', async () => {
    const again = await Promise.all([runMigrations(store.db), runMigrations(store.db)]);
    expect(again).toEqual([[], []]);
    const applied = await rows<{ id: string }>('select id from schema_migrations order by id');
    expect(applied.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  test('an invocation is logged with its cards and criteria, keyed by the patient hash only', async () => {
    const serviceId = `svc-log-${randomUUID()}`;
    const card = loggedCard({ status: 'not-eligible', indicator: 'warning', findings: ['medication-overuse'] });
    card.criteria[2] = { id: 'preventive-failures', status: 'unmet' };
    const record = invocation(serviceId, daysBefore(NOW, 0.01), [card]);
    await store.recordInvocation(record);

    const [logged] = await rows('select * from card_invocation where service_id = $1', [serviceId]);
    expect(Object.keys(logged ?? {}).sort()).toEqual(
      ['hook_instance', 'id', 'issued_at', 'patient_key', 'policy_id', 'policy_version', 'service_id'].sort(),
    );
    expect(logged).toMatchObject({ hook_instance: record.hookInstance, patient_key: record.patientKey });
    const cards = await rows('select card_uuid, indicator, status, findings from issued_card where service_id = $1', [
      serviceId,
    ]);
    expect(cards).toEqual([
      { card_uuid: card.uuid, indicator: 'warning', status: 'not-eligible', findings: ['medication-overuse'] },
    ]);
    const [criteria] = await rows('select criteria from issued_card where card_uuid = $1', [card.uuid]);
    expect(criteria).toEqual({
      criteria: { age: 'met', 'chronic-migraine': 'met', 'preventive-failures': 'unmet' },
    });
  });

  test('a batch of invocations keeps each card with its own invocation, in order', async () => {
    const serviceId = `svc-batch-${randomUUID()}`;
    const batch = [
      invocation(serviceId, daysBefore(NOW, 0.03), [loggedCard(), loggedCard({ status: 'on-treatment' })]),
      invocation(serviceId, daysBefore(NOW, 0.02), []),
      invocation(serviceId, daysBefore(NOW, 0.01), [loggedCard({ indicator: 'critical' })]),
    ];
    await store.recordInvocations(batch);

    const logged = await rows<{ hook_instance: string; card_uuid: string | null }>(
      `select i.hook_instance, c.card_uuid from card_invocation i left join issued_card c on c.invocation_id = i.id
       where i.service_id = $1 order by i.id, c.id`,
      [serviceId],
    );
    expect(logged).toEqual(
      batch.flatMap<{ hook_instance: string; card_uuid: string | null }>((r) =>
        r.cards.length
          ? r.cards.map((card) => ({ hook_instance: r.hookInstance, card_uuid: card.uuid }))
          : [{ hook_instance: r.hookInstance, card_uuid: null }],
      ),
    );
  });

  test('the same feedback sent twice is stored once', async () => {
    const serviceId = `svc-idem-${randomUUID()}`;
    const card = loggedCard();
    await store.recordInvocation(invocation(serviceId, daysBefore(NOW, 0.02), [card]));
    const at = daysBefore(NOW, 0.01);
    const batch = [accepted(card, at), overridden(card.uuid, daysBefore(NOW, 0.005))];

    expect(await store.recordFeedback(serviceId, batch, NOW.toISOString())).toEqual({
      stored: 2,
      duplicates: 0,
      unknownCards: 0,
    });
    expect(await store.recordFeedback(serviceId, batch, NOW.toISOString())).toEqual({
      stored: 0,
      duplicates: 2,
      unknownCards: 0,
    });
    // The same instant written with an offset, and the same suggestions in another order, are the same feedback.
    const sameInstant = { ...accepted(card, at), outcomeTimestamp: at.replace('Z', '+00:00') };
    const twiceInOneBatch = overridden(card.uuid, daysBefore(NOW, 0.001));
    expect(await store.recordFeedback(serviceId, [sameInstant, twiceInOneBatch, twiceInOneBatch], at)).toEqual({
      stored: 1,
      duplicates: 2,
      unknownCards: 0,
    });
    expect(await feedbackRows(serviceId)).toHaveLength(3);
  });

  test('a batch is stored whole or not at all', async () => {
    const serviceId = `svc-atomic-${randomUUID()}`;
    const good = overridden(randomUUID(), daysBefore(NOW, 0.01));
    // A NUL character passes the wire schema but no PostgreSQL text column takes it: the second entry fails.
    const bad = overridden(`bad\u0000${randomUUID()}`, daysBefore(NOW, 0.01));
    await expect(store.recordFeedback(serviceId, [good, bad], NOW.toISOString())).rejects.toThrow();
    expect(await feedbackRows(serviceId)).toEqual([]);
    expect((await store.recordFeedback(serviceId, [good], NOW.toISOString())).stored).toBe(1);
  });

  test('feedback for a card the service never issued is stored and flagged', async () => {
    const serviceId = `svc-unknown-${randomUUID()}`;
    const card = loggedCard();
    await store.recordInvocation(invocation(serviceId, daysBefore(NOW, 0.02), [card]));
    const stranger = randomUUID();
    const result = await store.recordFeedback(
      serviceId,
      [accepted(card, daysBefore(NOW, 0.01)), overridden(stranger, daysBefore(NOW, 0.01))],
      NOW.toISOString(),
    );
    expect(result).toEqual({ stored: 2, duplicates: 0, unknownCards: 1 });
    expect(await feedbackRows(serviceId)).toEqual([
      { card_uuid: card.uuid, known_card: true, outcome: 'accepted' },
      { card_uuid: stranger, known_card: false, outcome: 'overridden' },
    ]);
    // A card issued by another service is unknown to this one.
    const other = await store.recordFeedback(
      `${serviceId}-other`,
      [accepted(card, daysBefore(NOW, 0.01))],
      NOW.toISOString(),
    );
    expect(other.unknownCards).toBe(1);
  });

  test('analytics count issued, accepted, overridden (with reasons) and ignored per service, status and criterion', async () => {
    const serviceId = `svc-analytics-${randomUUID()}`;
    const changedMind = loggedCard();
    const ignored = loggedCard();
    const notEligible = loggedCard({ status: 'not-eligible', indicator: 'warning' });
    notEligible.criteria[2] = { id: 'preventive-failures', status: 'unmet' };
    const incomplete = loggedCard({ status: 'incomplete', indicator: 'warning' });
    incomplete.criteria[1] = { id: 'chronic-migraine', status: 'unknown' };
    const findingOnly = loggedCard({ criteria: [], findings: ['other-botulinum-toxin'], suggestionUuids: [] });
    delete findingOnly.status;
    const beforeRange = loggedCard();
    await store.recordInvocation(invocation(serviceId, daysBefore(NOW, 2), [changedMind, ignored]));
    await store.recordInvocation(invocation(serviceId, daysBefore(NOW, 1), [notEligible, incomplete, findingOnly]));
    await store.recordInvocation(invocation(serviceId, daysBefore(NOW, 40), [beforeRange]));

    const reason = { reason: { system: OVERRIDE_REASON_SYSTEM, code: 'patient-declined' } };
    await store.recordFeedback(
      serviceId,
      [
        overridden(changedMind.uuid, daysBefore(NOW, 1.9)),
        accepted(changedMind, daysBefore(NOW, 1.8)),
        overridden(notEligible.uuid, daysBefore(NOW, 0.9), reason),
        overridden(incomplete.uuid, daysBefore(NOW, 0.9), { userComment: 'diary kept on paper, reviewed in clinic' }),
        accepted(beforeRange, daysBefore(NOW, 39)),
        overridden(randomUUID(), daysBefore(NOW, 0.5)),
      ],
      daysBefore(NOW, 0.5),
    );

    const report = await store.feedbackAnalytics({ from: dayBefore(NOW, 6), to: dayBefore(NOW, 0) });
    const mine = report.services.find((s) => s.serviceId === serviceId);
    expect(mine).toEqual({
      serviceId,
      issued: 5,
      accepted: 1,
      overridden: 2,
      ignored: 2,
      byStatus: [
        { status: 'candidate', issued: 2, accepted: 1, overridden: 0, ignored: 1 },
        { status: 'incomplete', issued: 1, accepted: 0, overridden: 1, ignored: 0 },
        { status: 'none', issued: 1, accepted: 0, overridden: 0, ignored: 1 },
        { status: 'not-eligible', issued: 1, accepted: 0, overridden: 1, ignored: 0 },
      ],
      byCriterion: [
        { criterion: 'age', status: 'met', issued: 4, accepted: 1, overridden: 2, ignored: 1 },
        { criterion: 'chronic-migraine', status: 'met', issued: 3, accepted: 1, overridden: 1, ignored: 1 },
        { criterion: 'chronic-migraine', status: 'unknown', issued: 1, accepted: 0, overridden: 1, ignored: 0 },
        { criterion: 'preventive-failures', status: 'met', issued: 3, accepted: 1, overridden: 1, ignored: 1 },
        { criterion: 'preventive-failures', status: 'unmet', issued: 1, accepted: 0, overridden: 1, ignored: 0 },
      ],
      overrideReasons: [
        { system: OVERRIDE_REASON_SYSTEM, code: 'patient-declined', display: 'Patient declined', count: 1 },
      ],
      overridesWithComment: 1,
      overridesWithoutReason: 0,
      unknownCardFeedback: { accepted: 0, overridden: 1 },
    });
    const older = await store.feedbackAnalytics({ from: dayBefore(NOW, 41), to: dayBefore(NOW, 39) });
    expect(older.services.find((s) => s.serviceId === serviceId)).toMatchObject({ issued: 1, accepted: 1 });
  });

  test('an override reason is kept only as one the card offered, in its words; any other is "other reason" without its text', async () => {
    const serviceId = `svc-reasons-${randomUUID()}`;
    const [card, second, third, fourth] = [loggedCard(), loggedCard(), loggedCard(), loggedCard()];
    await store.recordInvocation(invocation(serviceId, daysBefore(NOW, 1), [card, second, third, fourth]));
    const phi = 'Jan Kowalski MRN 4471902';
    await store.recordFeedback(
      serviceId,
      [
        // Offered, with a display the client made up: the card's display is kept.
        overridden(card.uuid, daysBefore(NOW, 0.9), {
          reason: { system: OVERRIDE_REASON_SYSTEM, code: 'site-pathway', display: phi },
        }),
        // Offered code without a system (the sandbox sends Codings without one).
        overridden(second.uuid, daysBefore(NOW, 0.9), { reason: { code: 'patient-declined' } }),
        // Not offered: a code that is free text.
        overridden(third.uuid, daysBefore(NOW, 0.9), { reason: { system: OVERRIDE_REASON_SYSTEM, code: phi } }),
        // An offered code under another system is another reason.
        overridden(fourth.uuid, daysBefore(NOW, 0.9), { reason: { system: `urn:${phi}`, code: 'patient-declined' } }),
        // A card not in the log offered nothing.
        overridden(randomUUID(), daysBefore(NOW, 0.9), { reason: { system: OVERRIDE_REASON_SYSTEM, code: phi } }),
      ],
      daysBefore(NOW, 0.5),
    );
    const other = { system: OVERRIDE_REASON_SYSTEM, code: 'other', display: 'Other reason (not one the card offered)' };
    const report = await store.feedbackAnalytics({ from: dayBefore(NOW, 6), to: dayBefore(NOW, 0) });
    expect(report.services.find((s) => s.serviceId === serviceId)?.overrideReasons).toEqual([
      { ...other, count: 2 },
      { system: OVERRIDE_REASON_SYSTEM, code: 'patient-declined', display: 'Patient declined', count: 1 },
      {
        system: OVERRIDE_REASON_SYSTEM,
        code: 'site-pathway',
        display: 'Managed under the local headache pathway',
        count: 1,
      },
    ]);
    const stored = await rows('select * from card_feedback where service_id = $1', [serviceId]);
    expect(stored).toHaveLength(5);
    expect(JSON.stringify(stored)).not.toContain('Kowalski');
    expect(JSON.stringify(report)).not.toContain('Kowalski');
  });

  test('retention purge removes invocations, their cards and feedback older than the cutoff, and keeps the rest', async () => {
    const serviceId = `svc-purge-${randomUUID()}`;
    const old = loggedCard();
    const recent = loggedCard();
    await store.recordInvocation(invocation(serviceId, daysBefore(NOW, 400), [old]));
    await store.recordInvocation(invocation(serviceId, daysBefore(NOW, 10), [recent]));
    await store.recordFeedback(serviceId, [accepted(old, daysBefore(NOW, 399))], daysBefore(NOW, 399));
    await store.recordFeedback(serviceId, [accepted(recent, daysBefore(NOW, 9))], daysBefore(NOW, 9));

    expect(await store.purgeCardLog(retentionCutoff(NOW, 365))).toEqual({ invocations: 1, feedback: 1 });
    const cards = await rows<{ card_uuid: string }>('select card_uuid from issued_card where service_id = $1', [
      serviceId,
    ]);
    expect(cards.map((c) => c.card_uuid)).toEqual([recent.uuid]);
    expect((await feedbackRows(serviceId)).map((f) => f.card_uuid)).toEqual([recent.uuid]);
    expect(await store.purgeCardLog(retentionCutoff(NOW, 365))).toEqual({ invocations: 0, feedback: 0 });
  });

  test('the retention schedule purges at start and stops cleanly', async () => {
    const serviceId = `svc-schedule-${randomUUID()}`;
    await store.recordInvocation(invocation(serviceId, daysBefore(NOW, 31), [loggedCard()]));
    const logger = createMemoryLogger();
    const stop = scheduleRetentionPurge({ store, retentionDays: 30, clock: () => NOW, logger });
    await stop();
    expect(await rows('select 1 from card_invocation where service_id = $1', [serviceId])).toEqual([]);
    expect(logger.lines.some((l) => l.includes('card log purged'))).toBe(true);
  });
});
