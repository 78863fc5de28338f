import { z } from 'zod';
import raw from './diary-rules.json' with { type: 'json' };

const sourced = { source: z.array(z.string().min(1)).min(1), verify: z.boolean() };

/** Diary geometry and thresholds (clinical-rules 2.1 and 3) as data; policy thresholds stay in the policy. */
export const diaryRulesSchema = z.strictObject({
  ...sourced,
  windowDays: z.number().int().min(1),
  windowCount: z.number().int().min(1),
  /** The anchor may be at most this many days before E for the diary to be usable. */
  maxAnchorAgeDays: z.number().int().min(0),
  summaryMinDays: z.number().int().min(1),
  summaryMaxDays: z.number().int().min(1),
  /** A summary continues the previous one when it starts at most this many days after the previous one ends. */
  maxSummaryGapDays: z.number().int().min(1),
  recentDataDays: z.number().int().min(1),
  /** "Records headache-free days": a headache-free entry within this many days before E (or C1), 2.1 and 11.2. */
  headacheFreeLookbackDays: z.number().int().min(1),
  /** A response window (baseline or follow-up) with more unlogged days is left out (clinical-rules 3, 11.12). */
  maxUnloggedDaysPerWindow: z.number().int().min(0),
  maxDailyHours: z.number().positive(),
  /** A daily entry spanning more dates than this is not a diary entry (listed as unused). */
  maxEntrySpanDays: z.number().int().min(1),
  /**
   * A daily entry dated after E by at most this many days still sets L (so A = E, clinical-rules 2.1); one dated
   * later is a data error.
   */
  maxEntryDaysAfterEvaluation: z.number().int().min(0),
  maxEntryDaysAfterEvaluationSource: z.string().min(1),
  overuse: z.strictObject({
    ...sourced,
    classes: z
      .array(
        z.strictObject({
          class: z.string().min(1),
          valueSet: z.string().min(1),
          /** Days per window from which this class alone is overuse; null: never counts toward overuse. */
          minDays: z.number().int().min(1).nullable(),
        }),
      )
      .min(1),
    multiClassMinDays: z.number().int().min(1),
    multiClassMinClasses: z.number().int().min(2),
    withoutComponentsMinDays: z.number().int().min(1),
  }),
  response: z.strictObject({
    ...sourced,
    baselineDays: z.number().int().min(1),
    midasModerateMin: z.number(),
    midasModerateMax: z.number(),
    midasModerateMinDropPoints: z.number().positive(),
    midasSevereMinDropPercent: z.number().positive(),
    hit6MinDropPoints: z.number().positive(),
    /** PRO baseline: the latest score dated within this many days before C1, or on C1. */
    scoreBaselineLookbackDays: z.number().int().min(0),
    /** PRO follow-up: the latest score dated on or after C2 + this many days. */
    scoreFollowUpFromSecondCycleDays: z.number().int().min(0),
    midasMax: z.number(),
    hit6Min: z.number(),
    hit6Max: z.number(),
  }),
});

export type DiaryRules = z.infer<typeof diaryRulesSchema>;

/** The validated diary rules; an invalid file fails at load (start-up), naming the problems. */
export const diaryRules: DiaryRules = parseDiaryRules(raw);

/** Validates a diary rules object; throws with every problem named. */
export function parseDiaryRules(value: unknown): DiaryRules {
  const parsed = diaryRulesSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `diary-rules.json is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
