import type { Assessment } from '../../engine/assessment.ts';
import { ASSESSMENT_EXTENSION } from '../card-log-summary.ts';
import { inferredCycles } from './assessment-detail.ts';
import { compact } from './compact.ts';

/** A finding as the extension lists it: the patient's findings and the order checks alike. */
export interface ExtensionFinding {
  id: string;
  severity: string;
  evidence: string[];
  blocking?: boolean;
}

/**
 * The machine-readable result carried by every card as `extension["org.migraine-cds.assessment"]`: ids, statuses
 * and verdicts exactly as named in docs/clinical-rules.md. Empty evidence lists are omitted (validators reject `[]`).
 */
export function assessmentExtension(
  assessment: Assessment | undefined,
  extra: { findings?: ExtensionFinding[]; order?: Record<string, unknown> } = {},
) {
  const findings: ExtensionFinding[] = [...(assessment?.findings ?? []), ...(extra.findings ?? [])];
  const t = assessment?.treatment;
  const inferred = assessment ? inferredCycles(assessment) : undefined;
  const previouslyTreated = assessment?.previouslyTreated;
  return {
    [ASSESSMENT_EXTENSION]: compact({
      status: assessment?.status,
      policy: assessment ? { id: assessment.policy.id, version: assessment.policy.version } : undefined,
      evaluationDate: assessment?.evaluationDate,
      criteria: assessment?.criteria.map((c) => ({
        id: c.id,
        status: c.status,
        basis: c.basis,
        // Judged on the baseline before this first-cycle date while on treatment (clinical-rules 11.12).
        judgedBefore: c.judgedBefore,
        evidence: c.evidence,
      })),
      findings: findings.map((f) => ({ id: f.id, severity: f.severity, blocking: f.blocking, evidence: f.evidence })),
      // Per window: headache days, and days logged when the diary records headache-free days (clinical-rules 2.1).
      diaryWindows: assessment?.diaryWindows.map((w) => ({
        measure: w.measure,
        source: w.source,
        start: w.start,
        end: w.end,
        days: w.days,
        covered: w.covered,
        logged: w.logged,
      })),
      medicationOveruse: assessment?.medicationOveruse,
      treatment: t && {
        cycles: t.cycles,
        // Cycles counted with the indication inferred (clinical-rules 2.3); absent when none was.
        indicationInferredCycles: inferred?.inCourse || undefined,
        lastCycle: t.lastCycle,
        nextEligible: t.nextEligible,
        due: t.due,
        overdue: t.overdue,
        baselineWindows: t.baselineWindows?.map((w) => ({
          measure: w.measure,
          source: w.source,
          start: w.start,
          end: w.end,
          days: w.days,
          covered: w.covered,
          logged: w.logged,
        })),
        response: {
          baselineDays: t.response.baselineDays,
          baselineWindows: t.response.baselineWindows,
          recentDays: t.response.recentDays,
          followUpWindows: t.response.followUpWindows,
          reductionPercent: t.response.reductionPercent,
          verdict: t.response.verdict,
          decidedBy: t.response.decidedBy,
          measure: t.response.measure,
          respondFrom: t.response.respondFrom,
          diaryNotJudged: t.response.diaryNotJudged,
          pro: t.response.pro?.map((x) => ({
            measure: x.measure,
            baseline: x.baseline,
            followUp: x.followUp,
            response: x.response,
          })),
        },
      },
      previouslyTreated: previouslyTreated && {
        ...previouslyTreated,
        indicationInferredCycles: inferred?.onRecord || undefined,
      },
      order: extra.order,
    }),
  };
}
