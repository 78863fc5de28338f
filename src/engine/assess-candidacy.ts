import type { Assessment, Indicator, TreatmentSummary } from './assessment.ts';
import { assessAge } from './criteria/age.ts';
import { dayNumber } from './dates.ts';
import { chartDiagnosis } from './diagnosis/chart-diagnosis.ts';
import type { BaselineAnalysis } from './diary/analyze-diary.ts';
import { analyzeBaseline, analyzeDiary } from './diary/analyze-diary.ts';
import { assessResponse } from './diary/assess-response.ts';
import { type DiaryData, readDiary } from './diary/read-diary.ts';
import { conditionsIn } from './findings/condition-findings.ts';
import { detectFindings } from './findings/registry.ts';
import { analyzePreventives } from './medications/analyze-preventives.ts';
import type { PatientRecord, RecordPart } from './patient-record.ts';
import type { Policy } from './policy/policy-schema.ts';
import { analyzeToxin, type ToxinAnalysis } from './toxin/analyze-toxin.ts';
import type { AssessmentStatus, CriterionResult, DataNote, EvaluationContext, FindingResult } from './types.ts';

export interface AssessOptions {
  /** E: the evaluation date (YYYY-MM-DD). */
  evaluationDate: string;
  siteTimeZone: string;
  /** D for orders: age, injection-site infection and other toxin use are judged at D (clinical-rules 5). */
  at?: string;
  /** A Botox draft with a migraine or no reason brings the patient into scope (clinical-rules 5). */
  forceInScope?: boolean;
}

const UNAVAILABLE_TEXT: Record<RecordPart, string> = {
  patient: 'patient demographics',
  conditions: 'conditions not checked',
  observations: 'headache diary and pregnancy status not checked',
  medicationStatements: 'medication history (statements) not checked',
  medicationRequests: 'medication orders not checked',
  medicationAdministrations: 'toxin administrations not checked',
  procedures: 'procedures (previous injections) not checked',
  allergies: 'allergies not checked',
  // Not a contraindication part: without them the card is not incomplete, it says they were not checked.
  adverseEvents: 'adverse events (post-injection effects) not checked',
};

/**
 * The decision for one patient (clinical-rules 3): pure, given the record, the policy and the dates.
 * Status, first match wins: contraindicated; on-treatment; not-eligible; incomplete; candidate.
 */
export function assessCandidacy(record: PatientRecord, policy: Policy, options: AssessOptions): Assessment {
  const ctx: EvaluationContext = {
    evaluationDate: options.evaluationDate,
    siteTimeZone: options.siteTimeZone,
    policy: policy.parameters,
  };
  const at = options.at ?? options.evaluationDate;
  const p = policy.parameters;

  const diaryData = readDiary(record, ctx);
  const diary = analyzeDiary(record, ctx, diaryData);
  const toxin = analyzeToxin(record, ctx, at);
  // On treatment, the starting criteria are judged before the first cycle (clinical-rules 3 "On treatment", 11.12);
  // the inferred-failure test uses that baseline diary too.
  const baseline = toxin.course?.active
    ? analyzeBaseline(record, ctx, diaryData, dayNumber(toxin.course.first))
    : undefined;
  const preventives = analyzePreventives(record, ctx, {
    chronicMigraineMeasuredFrom: baseline ? baseline.chronicMigraineMeasuredFrom : diary.chronicMigraineMeasuredFrom,
  });

  const migraineCondition = conditionsIn(record.conditions, 'migraine').length > 0;
  const inScope = !!options.forceInScope || migraineCondition || diary.hasRecentDiaryData || toxin.cycles.length > 0;

  const criteria: CriterionResult[] = [
    assessAge(record.patient, at, p.minAge),
    ...(baseline?.criteria ?? [diary.chronicMigraine, diary.migraineDays, diary.headacheDuration]),
    preventives.criterion,
  ];
  const findings: FindingResult[] = detectFindings({
    record,
    ctx,
    at,
    nonDiaryObservations: diaryData.nonDiary,
    toxin,
    preventiveFindings: preventives.findings,
    ...(diary.medicationOveruse ? { medicationOveruse: diary.medicationOveruse } : {}),
  }).map((f) => (p.blockingFindings.includes(f.id) && !f.neverBlocks ? { ...f, blocking: true } : f));

  const notes: DataNote[] = [
    ...Object.entries(record.unavailable).map(([part, reason]) => ({
      kind: 'unavailable' as const,
      text: `${UNAVAILABLE_TEXT[part as RecordPart]} (${reason})`,
    })),
    ...diary.notes,
    ...preventives.notes,
    ...toxin.notes,
    ...record.notes,
  ];

  const diagnosis = chartDiagnosis(record.conditions, ctx.siteTimeZone);
  const treatment = toxin.course?.active ? treatmentSummary(record, ctx, toxin, diaryData, baseline) : undefined;
  if (treatment?.response.notes) notes.push(...treatment.response.notes);
  const status = decideStatus(criteria, findings, treatment, record);
  return {
    inScope,
    status,
    indicator: indicatorFor(status, findings, treatment),
    evaluationDate: options.evaluationDate,
    judgedAt: at,
    policy: { id: policy.id, version: policy.version, title: policy.title },
    criteria,
    findings,
    ...(diagnosis ? { diagnosis } : {}),
    ...(treatment ? { treatment } : {}),
    ...(!treatment && toxin.previouslyTreated ? { previouslyTreated: toxin.previouslyTreated } : {}),
    trials: preventives.trials,
    cycles: toxin.cycles,
    diaryWindows: diary.windows,
    diarySeries: diary.series,
    medicationOveruse: diary.medicationOveruseAssessment,
    notes,
  };
}

function treatmentSummary(
  record: PatientRecord,
  ctx: EvaluationContext,
  toxin: ToxinAnalysis,
  diary: DiaryData,
  baseline: BaselineAnalysis | undefined,
): TreatmentSummary {
  const course = toxin.course!;
  const p = ctx.policy;
  const reviewCycle = course.cycles[p.cyclesBeforeReview - 1];
  const response = assessResponse(
    record,
    ctx,
    { firstCycle: course.first, ...(reviewCycle ? { secondCycle: reviewCycle.date } : {}) },
    diary,
  );
  // The episodic advice is shown beside the verdict, never instead of it (clinical-rules 3).
  const stopAdvice = [
    response.verdict === 'non-responding'
      ? `Consider stopping: < ${p.nonRespondingPercent}% fewer headache days after ${p.cyclesBeforeReview} cycles (NICE TA260 after 2 cycles; EHF allows up to 3)`
      : undefined,
    response.episodicForThreeMonths
      ? `Consider stopping: episodic (< ${p.minHeadacheDays} headache days) for 3 consecutive months (NICE TA260)`
      : undefined,
  ]
    .filter((x) => x !== undefined)
    .join('; ');
  return {
    cycles: course.cycles.length,
    firstCycle: course.first,
    lastCycle: course.last.date,
    nextEligible: course.nextEligible,
    due: course.due,
    overdue: course.overdue,
    response,
    ...(stopAdvice ? { stopAdvice } : {}),
    ...(baseline ? { baselineWindows: baseline.windows } : {}),
    evidence: [...new Set(course.cycles.flatMap((c) => c.evidence))],
  };
}

/** Status, first match wins (clinical-rules 3). */
function decideStatus(
  criteria: CriterionResult[],
  findings: FindingResult[],
  treatment: TreatmentSummary | undefined,
  record: PatientRecord,
): AssessmentStatus {
  if (findings.some((f) => f.severity === 'contraindication')) return 'contraindicated';
  if (treatment) return 'on-treatment';
  if (criteria.some((c) => c.status === 'unmet') || findings.some((f) => f.blocking)) return 'not-eligible';
  const decisive = new Set(['age', 'chronic-migraine', 'preventive-failures']);
  const unknown = criteria.some((c) => decisive.has(c.id) && c.status === 'unknown');
  // Without allergies or conditions a contraindication cannot be excluded (clinical-rules 2).
  if (unknown || record.unavailable.allergies || record.unavailable.conditions) return 'incomplete';
  return 'candidate';
}

/**
 * Critical for a contraindication; warning for on-treatment or candidate with a caution, and for on-treatment when
 * non-responding; info otherwise (clinical-rules 3, to the letter: the NICE "episodic for 3 months" advice, which
 * follows a good outcome, is shown on the card but does not raise the indicator).
 */
function indicatorFor(status: AssessmentStatus, findings: FindingResult[], treatment?: TreatmentSummary): Indicator {
  if (status === 'contraindicated') return 'critical';
  const caution = findings.some((f) => f.severity === 'caution');
  if (status === 'on-treatment' && (caution || treatment?.response.verdict === 'non-responding')) return 'warning';
  if (status === 'candidate' && caution) return 'warning';
  return 'info';
}
