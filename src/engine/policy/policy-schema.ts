import { z } from 'zod';

export const FINDING_IDS = [
  'hypersensitivity',
  'injection-site-infection',
  'neuromuscular-disorder',
  'dysphagia-respiratory',
  'pregnancy',
  'neuromuscular-blocking-drug',
  'other-botulinum-toxin',
  'concurrent-cgrp',
  'medication-overuse',
  'prior-toxin-adverse-effect',
] as const;
export type FindingId = (typeof FINDING_IDS)[number];

/** Policy parameters (clinical-rules 4). Names are the document's, so reviewers can map them 1:1. */
export const policyParametersSchema = z.strictObject({
  minAge: z.number().int().min(0),
  minHeadacheDays: z.number().int().min(1).max(31),
  minMigraineDays: z.number().int().min(0).max(31),
  minHeadacheHours: z.number().min(0).max(24),
  /** Headache days with a known duration needed before the median duration is judged (criteria 3: ">= 10"). */
  minDurationSampleDays: z.number().int().min(1),
  minFailedPreventives: z.number().int().min(0),
  minDistinctClasses: z.number().int().min(0),
  minTrialDays: z.number().int().min(1),
  diagnosisMayStandIn: z.boolean(),
  diagnosisMaxAgeDays: z.number().int().min(1),
  allowInferredFailures: z.boolean(),
  inferFailureWithoutMigraineReason: z.boolean(),
  cgrpPathwayOneClass: z.boolean(),
  blockingFindings: z.array(z.enum(FINDING_IDS)),
  minIntervalDays: z.number().int().min(1),
  overdueDays: z.number().int().min(1),
  labelDoseUnits: z.number().positive(),
  maxDoseUnits: z.number().positive(),
  cumulativeLimitUnits: z.number().positive(),
  courseLapseDays: z.number().int().min(1),
  cyclesBeforeReview: z.number().int().min(1),
  respondingPercent: z.number(),
  nonRespondingPercent: z.number(),
  /** Follow-up windows after the second cycle a diary verdict needs (clinical-rules 3, 4, 11.11). */
  responseMinWindows: z.number().int().min(1),
  /** A MIDAS or HIT-6 response alone makes the course responding (AHS 2021); false under NICE TA260. */
  proResponseCounts: z.boolean(),
  /** NICE TA260: stop when episodic (< minHeadacheDays) in 3 consecutive covered windows while on treatment. */
  episodicStopRule: z.boolean(),
});

export const policySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.string().min(1),
    title: z.string().min(1),
    description: z.string().min(1),
    source: z.array(z.string().min(1)).min(1),
    parameters: policyParametersSchema,
    /** Parameters whose value comes from a secondary source and awaits confirmation (clinical-rules: "verify"). */
    verify: z
      .array(z.strictObject({ parameter: policyParametersSchema.keyof(), source: z.string().min(1) }))
      .default([]),
  })
  .refine((p) => p.parameters.maxDoseUnits >= p.parameters.labelDoseUnits, 'maxDoseUnits must be >= labelDoseUnits')
  .refine(
    // Equal under NICE TA260 (30 and 30): responding or non-responding, no partial band.
    (p) => p.parameters.respondingPercent >= p.parameters.nonRespondingPercent,
    'respondingPercent must be at least nonRespondingPercent',
  );

export type Policy = z.infer<typeof policySchema>;
export type PolicyParameters = Policy['parameters'];
