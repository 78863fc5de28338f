import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { assessCandidacy } from '../../src/engine/assess-candidacy.ts';
import { buildPatientRecord, type RecordPart } from '../../src/engine/patient-record.ts';
import { loadPolicy } from '../../src/engine/policy/load-policy.ts';
import { DiaryBuilder } from '../support/diary-builders.ts';
import {
  adult,
  allergy,
  botoxProcedure,
  chronicMigraineDx,
  condition,
  daysAgo,
  E,
  patient,
  preventiveTrial,
} from '../support/record-builders.ts';

const diary = () => new DiaryBuilder(E);
/** Three covered 30-day windows of chronic migraine: 18 headache days, 10 migraine days, 6 h each. */
const chronicDiary = () =>
  diary().months([
    [18, 10, 6],
    [17, 10, 6],
    [19, 11, 6],
  ]);
const twoFailedClasses = () => [
  preventiveTrial('topiramate', -400, -300, 'intolerance'),
  preventiveTrial('propranolol', -290, -200, 'inadequate-response'),
];

function assess(
  resources: Resource[],
  options: { policy?: string; unavailable?: Partial<Record<RecordPart, string>> } = {},
) {
  const record = buildPatientRecord(resources, { unavailable: options.unavailable ?? {} });
  return assessCandidacy(record, loadPolicy(options.policy ?? 'default'), { evaluationDate: E, siteTimeZone: 'UTC' });
}

const statusOf = (a: ReturnType<typeof assess>, id: string) => a.criteria.find((c) => c.id === id)?.status;

describe('status, first match wins', () => {
  test('candidate: every criterion met, no finding -> info', () => {
    const a = assess([adult(), chronicMigraineDx(), ...chronicDiary(), ...twoFailedClasses()]);
    expect(a.criteria.map((c) => [c.id, c.status])).toEqual([
      ['age', 'met'],
      ['chronic-migraine', 'met'],
      ['migraine-days', 'met'],
      ['headache-duration', 'met'],
      ['preventive-failures', 'met'],
    ]);
    expect(a.findings).toEqual([]);
    expect([a.status, a.indicator]).toEqual(['candidate', 'info']);
  });

  test('candidate with a caution -> warning', () => {
    const a = assess([
      adult(),
      chronicMigraineDx(),
      condition({ code: 'G70.00' }),
      ...chronicDiary(),
      ...twoFailedClasses(),
    ]);
    expect([a.status, a.indicator]).toEqual(['candidate', 'warning']);
    expect(a.findings.map((f) => f.id)).toEqual(['neuromuscular-disorder']);
  });

  test('a contraindication wins over everything -> critical', () => {
    const a = assess([
      adult(),
      chronicMigraineDx(),
      allergy({ text: 'Botox' }),
      ...chronicDiary(),
      ...twoFailedClasses(),
      botoxProcedure(-20),
    ]);
    expect([a.status, a.indicator]).toEqual(['contraindicated', 'critical']);
  });

  test('a chronic-migraine cycle within the course lapse -> on-treatment', () => {
    const a = assess([adult(), chronicMigraineDx(), ...chronicDiary(), botoxProcedure(-100), botoxProcedure(-10)]);
    expect(a.status).toBe('on-treatment');
    expect(a.treatment).toMatchObject({ cycles: 2, lastCycle: daysAgo(10) });
  });

  test('an unmet criterion -> not-eligible (episodic: a covered window of 14 days)', () => {
    const a = assess([
      adult(),
      chronicMigraineDx(),
      ...diary().months([
        [18, 10, 6],
        [14, 8, 6],
        [19, 11, 6],
      ]),
      ...twoFailedClasses(),
    ]);
    expect(statusOf(a, 'chronic-migraine')).toBe('unmet');
    expect([a.status, a.indicator]).toEqual(['not-eligible', 'info']);
  });

  test('a minor -> not-eligible', () => {
    const a = assess([patient(daysAgo(16 * 365)), chronicMigraineDx(), ...chronicDiary(), ...twoFailedClasses()]);
    expect(statusOf(a, 'age')).toBe('unmet');
    expect(a.status).toBe('not-eligible');
  });

  test('no preventive trial documented -> incomplete', () => {
    const a = assess([adult(), chronicMigraineDx(), ...chronicDiary()]);
    expect(statusOf(a, 'preventive-failures')).toBe('unknown');
    expect(a.status).toBe('incomplete');
  });

  test.each(['allergies', 'conditions'] as const)('%s unavailable -> incomplete, never candidate', (part) => {
    const a = assess([adult(), chronicMigraineDx(), ...chronicDiary(), ...twoFailedClasses()], {
      unavailable: { [part]: 'FHIR server timed out' },
    });
    expect(a.status).toBe('incomplete');
    expect(
      a.notes.some(
        (n) =>
          n.kind === 'unavailable' &&
          n.text.includes(part === 'allergies' ? 'allergies not checked' : 'conditions not checked'),
      ),
    ).toBe(true);
  });

  test('no migraine condition, no recent diary, no cycle -> out of scope', () => {
    const a = assess([adult(), condition({ code: 'G44.41', display: 'Drug-induced headache' })]);
    expect(a.inScope).toBe(false);
  });

  test('an ICD-10-CM coded diagnosis is decided by its code, not by "migraine" in its text (clinical-rules 3)', () => {
    const familyHistory = condition({
      code: 'Z82.0',
      display: 'Family history of epilepsy and other diseases of the nervous system',
      text: 'Family history of migraine',
    });
    const tensionType = condition({ code: 'G44.209', text: 'Tension-type headache; no migraine features' });
    expect(assess([adult(), familyHistory]).inScope).toBe(false);
    expect(assess([adult(), tensionType]).inScope).toBe(false);
    // Text still decides where there is no ICD-10-CM code: an uncoded diagnosis, or a SNOMED code the set does not list.
    expect(assess([adult(), condition({ text: 'Migraine without aura' })]).inScope).toBe(true);
    const snomedWithAura = condition({ system: 'http://snomed.info/sct', code: '4473006', text: 'Migraine with aura' });
    expect(assess([adult(), snomedWithAura]).inScope).toBe(true);
  });

  test('an episodic ICD-10-CM code does not stand in for a diary because its text mentions chronic migraine', () => {
    const trials = [...twoFailedClasses()];
    const episodic = condition(
      { code: 'G43.009', text: 'Episodic migraine (no longer chronic migraine)' },
      { recorded: daysAgo(100) },
    );
    const a = assess([adult(), episodic, ...trials]);
    expect(a.inScope).toBe(true);
    expect(statusOf(a, 'chronic-migraine')).toBe('unknown');
    expect(a.status).toBe('incomplete');
    const uncoded = condition({ text: 'Chronic migraine' }, { recorded: daysAgo(100) });
    expect(statusOf(assess([adult(), uncoded, ...trials]), 'chronic-migraine')).toBe('met');
  });

  test('a diary alone brings the patient into scope', () => {
    expect(assess([adult(), ...chronicDiary()]).inScope).toBe(true);
  });

  test('a last cycle beyond the course lapse is assessed as a new candidate, "previously treated"', () => {
    const a = assess([
      adult(),
      chronicMigraineDx(),
      ...chronicDiary(),
      ...twoFailedClasses(),
      botoxProcedure(-300),
      botoxProcedure(-215),
    ]);
    expect(a.status).toBe('candidate');
    expect(a.previouslyTreated).toEqual({ cycles: 2, last: daysAgo(215) });
    expect(a.treatment).toBeUndefined();
  });
});

describe('policies', () => {
  const overuse = () => {
    const d = diary();
    return [30, 60, 90].map((end) =>
      d.summary('acute-medication-days', -end + 1, -end + 30, 16, { classes: { 'simple-analgesic': 16 } }),
    );
  };
  test('medication overuse is a caution under default, blocking under payer-strict and nice-ta260', () => {
    const resources = [
      adult(),
      chronicMigraineDx(),
      ...chronicDiary(),
      ...twoFailedClasses(),
      preventiveTrial('amitriptyline', -190, -100, 'inadequate-response'),
      ...overuse(),
    ];
    const byDefault = assess(resources);
    expect(byDefault.findings.map((f) => f.id)).toContain('medication-overuse');
    expect(byDefault.status).toBe('candidate');
    const strict = assess(resources, { policy: 'payer-strict' });
    expect(strict.status).toBe('not-eligible');
    expect(strict.findings.find((f) => f.id === 'medication-overuse')?.blocking).toBe(true);
    expect(assess(resources, { policy: 'nice-ta260' }).status).toBe('not-eligible');
  });

  test.each(['default', 'payer-strict', 'nice-ta260'])(
    '%s states the cumulative limit as confirmed: no verify flag (BOTOX PI 2.1, clinical-rules 1 and 5, 3.0)',
    (id) => {
      expect(loadPolicy(id).parameters.cumulativeLimitUnits).toBe(400);
      expect(loadPolicy(id).verify).toEqual([]);
    },
  );

  test('payer-strict needs 3 failures; default 2', () => {
    const resources = [adult(), chronicMigraineDx(), ...chronicDiary(), ...twoFailedClasses()];
    expect(statusOf(assess(resources), 'preventive-failures')).toBe('met');
    expect(statusOf(assess(resources, { policy: 'payer-strict' }), 'preventive-failures')).not.toBe('met');
  });

  test('payer-strict: a diagnosis does not stand in for a diary', () => {
    const resources = [
      adult(),
      chronicMigraineDx(30),
      ...twoFailedClasses(),
      preventiveTrial('amitriptyline', -190, -100, 'intolerance'),
    ];
    expect(statusOf(assess(resources), 'chronic-migraine')).toBe('met');
    expect(statusOf(assess(resources, { policy: 'payer-strict' }), 'chronic-migraine')).toBe('unknown');
  });
});

describe('response after two cycles', () => {
  /**
   * Baseline month before the first cycle (E-120) and two follow-up windows after the second (E-59: 3.0 waits for
   * two windows after it, clinical-rules 11.11), one continuous diary.
   */
  function course(baseline: number, followUp: number) {
    const d = diary();
    return [
      adult(),
      chronicMigraineDx(),
      ...d.range(-150, -121, { headacheDays: baseline, migraineDays: Math.min(baseline, 8), hours: 6 }),
      ...d.range(-120, -60, { headacheDays: 40, migraineDays: 20, hours: 6 }),
      ...d.range(-59, -30, { headacheDays: followUp, migraineDays: Math.min(followUp, 8), hours: 6 }),
      ...d.range(-29, 0, { headacheDays: followUp, migraineDays: Math.min(followUp, 8), hours: 6 }),
      botoxProcedure(-120),
      botoxProcedure(-59),
    ];
  }
  test.each([
    [20, 10, 'responding', 50, 'info'],
    [20, 11, 'partial', 45, 'info'],
    [20, 14, 'partial', 30, 'info'],
    [20, 15, 'non-responding', 25, 'warning'],
  ] as const)('baseline %i, follow-up %i -> %s (%i%%), %s', (b, f, verdict, percent, indicator) => {
    const a = assess(course(b, f));
    expect(a.status).toBe('on-treatment');
    expect(a.treatment?.response).toMatchObject({ verdict, baselineDays: b, recentDays: f, reductionPercent: percent });
    expect(a.indicator).toBe(indicator);
    if (verdict === 'non-responding') expect(a.treatment?.stopAdvice).toMatch(/Consider stopping/);
  });

  test('nice-ta260: episodic for 3 months while responding -> the stop advice is shown, the indicator stays info', () => {
    const d = diary();
    const resources = [
      adult(),
      chronicMigraineDx(),
      ...d.range(-230, -201, { headacheDays: 20, migraineDays: 10, hours: 6 }),
      ...d.range(-200, -90, { headacheDays: 50, migraineDays: 25, hours: 6 }),
      ...d.range(-89, -60, { headacheDays: 10, migraineDays: 5, hours: 6 }),
      ...d.range(-59, -30, { headacheDays: 10, migraineDays: 5, hours: 6 }),
      ...d.range(-29, 0, { headacheDays: 10, migraineDays: 5, hours: 6 }),
      botoxProcedure(-200),
      botoxProcedure(-110),
      botoxProcedure(-20),
    ];
    const a = assess(resources, { policy: 'nice-ta260' });
    expect(a.status).toBe('on-treatment');
    expect(a.treatment?.response.verdict).toBe('responding');
    expect(a.treatment?.stopAdvice).toMatch(/episodic/);
    expect(a.indicator).toBe('info');
  });

  test('before the second cycle -> too-early', () => {
    const a = assess([adult(), chronicMigraineDx(), ...chronicDiary(), botoxProcedure(-20)]);
    expect(a.treatment?.response.verdict).toBe('too-early');
  });
});
