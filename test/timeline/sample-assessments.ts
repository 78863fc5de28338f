import type { Assessment } from '../../src/engine/assessment.ts';
import { addDays } from '../../src/engine/dates.ts';
import type { DiarySeriesPoint } from '../../src/engine/diary/analyze-diary.ts';
import { loadPolicy } from '../../src/engine/policy/load-policy.ts';

const DEFAULT_POLICY = loadPolicy('default');

export const PATIENT_ID = 'pt-timeline-7f3a91';

const month = (date: string) => date.slice(0, 7);
const daysIn = (ym: string) => new Date(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)), 0)).getUTCDate();

/** Months from `from` to `to` (YYYY-MM-DD), with daily-diary counts produced by `counts(index)`. */
function dailySeries(
  from: string,
  to: string,
  counts: (i: number) => { headacheDays: number; migraineDays: number },
): DiarySeriesPoint[] {
  const out: DiarySeriesPoint[] = [];
  let d = `${month(from)}-01`;
  let i = 0;
  while (month(d) <= month(to)) {
    const ym = month(d);
    const first = ym === month(from) ? Number(from.slice(8, 10)) : 1;
    const last = ym === month(to) ? Number(to.slice(8, 10)) : daysIn(ym);
    const covered = last - first + 1;
    const c = counts(i++);
    out.push({
      month: ym,
      daily: {
        coveredDays: covered,
        headacheDays: Math.min(c.headacheDays, covered),
        migraineDays: Math.min(c.migraineDays, covered),
      },
    });
    d = addDays(`${ym}-01`, daysIn(ym));
  }
  return out;
}

/**
 * A candidate as the engine describes one: a daily diary over the last four months with 17-21 headache days a month,
 * two failed preventives from two classes and one ongoing, every date relative to the evaluation date E.
 */
export function candidateAssessment(E: string): Assessment {
  const diaryStart = addDays(E, -120);
  const obs = (n: number) => `Observation/${PATIENT_ID}-diary-${n}`;
  return {
    inScope: true,
    status: 'candidate',
    indicator: 'info',
    evaluationDate: E,
    judgedAt: E,
    policy: { id: DEFAULT_POLICY.id, version: DEFAULT_POLICY.version, title: DEFAULT_POLICY.title },
    criteria: [
      {
        id: 'age',
        basis: ['label'],
        status: 'met',
        evidence: [`Patient/${PATIENT_ID}`],
        summary: 'Age 41 at the evaluation date',
      },
      {
        id: 'chronic-migraine',
        basis: ['label', 'ichd3'],
        status: 'met',
        evidence: Array.from({ length: 58 }, (_, i) => obs(i + 1)),
        summary: `Daily diary: 19, 18 and 21 headache days in the windows ending ${E}`,
      },
      {
        id: 'migraine-days',
        basis: ['ichd3'],
        status: 'met',
        evidence: [obs(1), obs(2)],
        summary: '10, 9 and 12 migraine days',
      },
      {
        id: 'headache-duration',
        basis: ['label'],
        status: 'met',
        evidence: [obs(3)],
        summary: 'Median 6 h over 58 headache days',
      },
      {
        id: 'preventive-failures',
        basis: ['coverage'],
        status: 'met',
        evidence: ['MedicationStatement/ms-topiramate', 'MedicationStatement/ms-propranolol'],
        summary: '2 failed preventives in 2 classes: topiramate (inadequate response), propranolol (intolerance)',
      },
    ],
    findings: [
      {
        id: 'concurrent-cgrp',
        severity: 'caution',
        evidence: ['MedicationStatement/ms-erenumab'],
        summary: `Erenumab active since ${addDays(E, -45)}`,
      },
    ],
    trials: [
      {
        ingredient: 'topiramate',
        class: 'antiepileptic',
        start: addDays(E, -600),
        end: addDays(E, -510),
        lengthDays: 90,
        outcome: 'inadequate-response',
        failed: true,
        inferred: false,
        matchedBy: 'code',
        evidence: ['MedicationStatement/ms-topiramate'],
      },
      {
        ingredient: 'propranolol',
        class: 'beta-blocker',
        start: addDays(E, -420),
        end: addDays(E, -380),
        lengthDays: 40,
        outcome: 'intolerance',
        failed: true,
        inferred: false,
        matchedBy: 'code',
        evidence: ['MedicationStatement/ms-propranolol'],
      },
      {
        ingredient: 'amitriptyline',
        class: 'antidepressant',
        start: addDays(E, -200),
        end: E,
        lengthDays: 200,
        outcome: 'ongoing',
        failed: false,
        inferred: false,
        matchedBy: 'name',
        evidence: ['MedicationRequest/mr-amitriptyline'],
      },
      {
        ingredient: 'candesartan',
        class: 'angiotensin',
        outcome: 'unknown',
        failed: false,
        inferred: false,
        matchedBy: 'code',
        evidence: ['MedicationStatement/ms-candesartan'],
      },
    ],
    cycles: [],
    diaryWindows: [
      {
        measure: 'headache-days',
        source: 'daily',
        start: addDays(E, -29),
        end: E,
        days: 21,
        covered: true,
        evidence: [],
      },
      {
        measure: 'headache-days',
        source: 'daily',
        start: addDays(E, -59),
        end: addDays(E, -30),
        days: 18,
        covered: true,
        evidence: [],
      },
      {
        measure: 'headache-days',
        source: 'daily',
        start: addDays(E, -89),
        end: addDays(E, -60),
        days: 19,
        covered: true,
        evidence: [],
      },
    ],
    diarySeries: dailySeries(diaryStart, E, (i) => ({ headacheDays: 17 + ((i * 3) % 5), migraineDays: 9 + (i % 4) })),
    medicationOveruse: { assessedBy: 'daily-records', windowsWithRecords: 3 },
    notes: [{ kind: 'unused', text: 'A headache entry dated only to the month was not used', evidence: [obs(99)] }],
  };
}

/**
 * On treatment: monthly summaries before the course (baseline 22 headache days), four cycles 12 weeks apart (the
 * first one earlier course before a lapse), a partial response, and a daily diary since the second cycle.
 */
export function onTreatmentAssessment(E: string): Assessment {
  const base = candidateAssessment(E);
  const first = addDays(E, -260);
  const cycleDates = [addDays(E, -500), first, addDays(first, 84), addDays(first, 168), addDays(first, 252)];
  const cycles = cycleDates.map((date, i) => ({
    date,
    lastRecordDate: date,
    nextEligible: addDays(date, 84),
    indicationInferred: i === 0,
    evidence: [`Procedure/proc-64615-${i + 1}`, `MedicationAdministration/ma-j0585-${i + 1}`],
  }));
  const summaries: DiarySeriesPoint[] = [-360, -330, -300, -270].map((offset, i) => ({
    month: month(addDays(E, offset)),
    summary: { headacheDays: [23, 22, 24, 22][i], migraineDays: [12, 11, 13, 12][i], acuteMedicationDays: 8 },
  }));
  const daily = dailySeries(addDays(E, -176), E, (i) => ({ headacheDays: 16 - i, migraineDays: 8 - i }));
  return {
    ...base,
    status: 'on-treatment',
    indicator: 'info',
    cycles,
    treatment: {
      cycles: 4,
      firstCycle: first,
      lastCycle: cycleDates[4]!,
      nextEligible: addDays(cycleDates[4]!, 84),
      due: false,
      overdue: false,
      response: {
        verdict: 'partial',
        baselineDays: 22,
        recentDays: 14,
        reductionPercent: 36.4,
        summary: `Baseline 22 headache days before ${first}; 14 on average since the second cycle (36.4% fewer)`,
        evidence: ['Observation/summary-hd-4'],
      },
      evidence: cycles.flatMap((c) => c.evidence),
    },
    diarySeries: [...summaries, ...daily],
  };
}
