import { z } from 'zod';
import { FINDING_IDS } from '../../engine/policy/policy-schema.ts';
import type { AssessmentStatus, Basis, CriterionId, CriterionStatus, ResponseVerdict } from '../../engine/types.ts';
import type { OrderFindingId } from '../services/order-checks.ts';

/** Every value of a union type, checked both ways: a value missing here or not in the type fails to compile. */
const every =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : 'a value of the type is missing')) =>
    values;

export const STATUSES = every<AssessmentStatus>()([
  'candidate',
  'not-eligible',
  'incomplete',
  'contraindicated',
  'on-treatment',
]);
export const CRITERION_IDS = every<CriterionId>()([
  'age',
  'chronic-migraine',
  'migraine-days',
  'headache-duration',
  'preventive-failures',
]);
export const CRITERION_STATUSES = every<CriterionStatus>()(['met', 'unmet', 'unknown']);
export const BASES = every<Basis>()(['label', 'ichd3', 'coverage']);
export const ORDER_FINDING_IDS = every<OrderFindingId>()(['treatment-interval', 'dose', 'cumulative-dose']);
/** A patient finding is a contraindication or a caution; an order check is a warning or info. */
export const FINDING_SEVERITIES = ['contraindication', 'caution', 'warning', 'info'] as const;
export const VERDICTS = every<ResponseVerdict>()(['responding', 'partial', 'non-responding', 'too-early', 'no-data']);

const date = z.iso.date();
const refs = z.array(z.string().regex(/^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/)).min(1);

/** One diary window (clinical-rules 2.1): headache or migraine days, and days logged when the diary records them. */
const diaryWindow = z.strictObject({
  measure: z.enum(['headache-days', 'migraine-days']),
  source: z.enum(['daily', 'summary']),
  start: date,
  end: date,
  days: z.int().min(0),
  covered: z.boolean(),
  logged: z.int().min(0).optional(),
});

const score = z.strictObject({ value: z.number(), date });

/**
 * `extension["org.migraine-cds.assessment"]` of every card, and `assessment` in the CLI's `--json`: the reference is
 * docs/assessment-extension.md (a test keeps the two in step). Strict: a field the cards add must be documented here.
 * Empty lists and absent values are omitted, as CDS Hooks validators require.
 */
export const assessmentExtensionSchema = z.strictObject({
  status: z.enum(STATUSES).optional(),
  policy: z.strictObject({ id: z.string().min(1), version: z.string().min(1) }).optional(),
  evaluationDate: date.optional(),
  criteria: z
    .array(
      z.strictObject({
        id: z.enum(CRITERION_IDS),
        status: z.enum(CRITERION_STATUSES),
        basis: z.array(z.enum(BASES)).min(1),
        judgedBefore: date.optional(),
        evidence: refs.optional(),
      }),
    )
    .optional(),
  findings: z
    .array(
      z.strictObject({
        id: z.enum([...FINDING_IDS, ...ORDER_FINDING_IDS]),
        severity: z.enum(FINDING_SEVERITIES),
        blocking: z.literal(true).optional(),
        evidence: refs.optional(),
      }),
    )
    .optional(),
  diaryWindows: z.array(diaryWindow).optional(),
  medicationOveruse: z
    .strictObject({
      assessedBy: z.enum(['daily-records', 'summaries', 'not-assessed']),
      windowsWithRecords: z.int().min(0).max(3),
      windows: z
        .array(
          z.strictObject({
            start: date,
            end: date,
            days: z.record(z.string(), z.int().min(0)),
            countingDays: z.int().min(0),
          }),
        )
        .optional(),
      diagnosis: z.strictObject({ date, provisional: z.boolean(), evidence: z.array(z.string()) }).optional(),
    })
    .optional(),
  treatment: z
    .strictObject({
      cycles: z.int().min(1),
      indicationInferredCycles: z.int().min(1).optional(),
      lastCycle: date,
      nextEligible: date,
      due: z.boolean(),
      overdue: z.boolean(),
      baselineWindows: z.array(diaryWindow).optional(),
      response: z.strictObject({
        baselineDays: z.number().optional(),
        baselineWindows: z.int().min(0).optional(),
        recentDays: z.number().optional(),
        followUpWindows: z.int().min(0).optional(),
        reductionPercent: z.number().optional(),
        verdict: z.enum(VERDICTS),
        decidedBy: z.enum(['headache-days', 'midas', 'hit6']).optional(),
        measure: z.string().min(1).optional(),
        respondFrom: date.optional(),
        diaryNotJudged: z.string().min(1).optional(),
        pro: z
          .array(
            z.strictObject({
              measure: z.enum(['midas', 'hit6']),
              baseline: score,
              followUp: score,
              response: z.boolean(),
            }),
          )
          .optional(),
      }),
    })
    .optional(),
  previouslyTreated: z
    .strictObject({ cycles: z.int().min(1), last: date, indicationInferredCycles: z.int().min(1).optional() })
    .optional(),
  order: z
    .strictObject({
      plannedDate: date,
      plannedDateStated: z.boolean(),
      drafts: refs.optional(),
      doseUnits: z.number().optional(),
    })
    .optional(),
});

export type AssessmentExtensionValue = z.infer<typeof assessmentExtensionSchema>;
