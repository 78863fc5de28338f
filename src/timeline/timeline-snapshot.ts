import { z } from 'zod';
import { policyParametersSchema } from '../engine/policy/policy-schema.ts';

const day = z.iso.date();
const evidence = z.array(z.string());

/**
 * What a timeline page shows, and all that is kept of an assessment: zod strips every other field, so nothing the
 * page does not need (and no patient identifier) is stored. Validated when the snapshot is taken and again when it
 * is read back, so a persistent store can never feed the page an unexpected shape.
 */
export const timelineAssessmentSchema = z.object({
  status: z.enum(['candidate', 'not-eligible', 'incomplete', 'contraindicated', 'on-treatment']),
  indicator: z.enum(['info', 'warning', 'critical']),
  evaluationDate: day,
  policy: z.object({ id: z.string(), version: z.string(), title: z.string() }),
  criteria: z.array(
    z.object({
      id: z.string(),
      basis: z.array(z.string()),
      status: z.enum(['met', 'unmet', 'unknown']),
      evidence,
      summary: z.string(),
      missing: z.array(z.string()).optional(),
      judgedBefore: day.optional(),
    }),
  ),
  findings: z.array(
    z.object({
      id: z.string(),
      severity: z.enum(['contraindication', 'caution']),
      evidence,
      summary: z.string(),
      blocking: z.boolean().optional(),
    }),
  ),
  treatment: z
    .object({
      cycles: z.number(),
      firstCycle: day,
      lastCycle: day,
      nextEligible: day,
      due: z.boolean(),
      overdue: z.boolean(),
      response: z.object({
        verdict: z.enum(['responding', 'partial', 'non-responding', 'too-early', 'no-data']),
        baselineDays: z.number().optional(),
        recentDays: z.number().optional(),
        reductionPercent: z.number().optional(),
        decidedBy: z.enum(['headache-days', 'midas', 'hit6']).optional(),
        measure: z.string().optional(),
        respondFrom: day.optional(),
        diaryNotJudged: z.string().optional(),
        episodicForThreeMonths: z.boolean().optional(),
        summary: z.string(),
        evidence,
      }),
      stopAdvice: z.string().optional(),
      evidence,
    })
    .optional(),
  previouslyTreated: z.object({ cycles: z.number(), last: day }).optional(),
  trials: z.array(
    z.object({
      ingredient: z.string(),
      class: z.string(),
      start: day.optional(),
      end: day.optional(),
      lengthDays: z.number().optional(),
      outcome: z.enum(['inadequate-response', 'intolerance', 'contraindicated', 'ongoing', 'unknown']),
      failed: z.boolean(),
      inferred: z.boolean(),
      evidence,
    }),
  ),
  cycles: z.array(z.object({ date: day, nextEligible: day, indicationInferred: z.boolean(), evidence })),
  diaryWindows: z.array(
    z.object({
      measure: z.enum(['headache-days', 'migraine-days']),
      source: z.enum(['daily', 'summary']),
      start: day,
      end: day,
      days: z.number(),
      covered: z.boolean(),
      logged: z.number().optional(),
    }),
  ),
  diarySeries: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      daily: z.object({ coveredDays: z.number(), headacheDays: z.number(), migraineDays: z.number() }).optional(),
      summary: z
        .object({
          headacheDays: z.number().optional(),
          migraineDays: z.number().optional(),
          acuteMedicationDays: z.number().optional(),
        })
        .optional(),
    }),
  ),
  notes: z.array(z.object({ kind: z.string(), text: z.string(), evidence: evidence.optional() })),
});

export const timelineSnapshotSchema = z.object({
  assessment: timelineAssessmentSchema,
  /** The policy's parameters, frozen with the snapshot; absent when the policy could not be resolved. */
  parameters: policyParametersSchema.optional(),
});

export type TimelineAssessment = z.infer<typeof timelineAssessmentSchema>;
export type TimelineSnapshot = z.infer<typeof timelineSnapshotSchema>;

/** A snapshot as the page renders it, with its lifetime. */
export interface TimelineView extends TimelineSnapshot {
  createdAt: string;
  expiresAt: string;
}
