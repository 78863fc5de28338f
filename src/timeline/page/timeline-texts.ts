import { z } from 'zod';
import raw from './timeline-texts.json' with { type: 'json' };

const labels = z.record(z.string(), z.string().min(1));

const textsSchema = z.strictObject({
  source: z.string().min(1),
  statuses: labels,
  criterionStatuses: labels,
  severities: labels,
  trialOutcomes: labels,
  noteKinds: labels,
  measures: labels,
  sources: labels,
});

/** The timeline page's labels, validated at load. */
export const TIMELINE_TEXTS = textsSchema.parse(raw);

/** A label from timeline-texts.json; the id itself when the file has none. */
export function timelineText(kind: Exclude<keyof typeof TIMELINE_TEXTS, 'source'>, id: string): string {
  return TIMELINE_TEXTS[kind][id] ?? id;
}
