import { z } from 'zod';

/**
 * Text the card store can keep: bounded, and without what PostgreSQL refuses in text and jsonb (NUL, and a UTF-16
 * surrogate without its pair), so that such an entry is a 400 naming it rather than a failed insert of the whole batch.
 */
const storableText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\u0000') && !LONE_SURROGATE.test(s), 'contains a NUL or an unpaired surrogate');
const LONE_SURROGATE = /\p{Surrogate}/u;

/** The instants an outcome may carry: the service did not exist before 2000, and PostgreSQL has no year 0. */
const EARLIEST_OUTCOME = Date.parse('2000-01-01T00:00:00Z');
const LATEST_OUTCOME = Date.parse('2100-01-01T00:00:00Z');

/** Override reason as the spec places it ({reason: Coding, userComment}); the sandbox sends a Coding without display. */
const overrideReason = z
  .looseObject({
    reason: z
      .looseObject({
        system: storableText(256).optional(),
        code: storableText(128),
        display: storableText(256).optional(),
      })
      .optional(),
    userComment: z.string().max(4000).optional(),
  })
  .refine(
    (r) => r.reason !== undefined || (r.userComment ?? '').length > 0,
    'an override reason has a reason or a comment',
  );

export const feedbackEntrySchema = z
  .looseObject({
    /** The uuid of the card the feedback is about; our cards' uuids are UUIDs (any version, so z.guid). */
    card: z.guid('a card id is a UUID'),
    outcome: z.enum(['accepted', 'overridden']),
    acceptedSuggestions: z.array(z.looseObject({ id: storableText(128) })).optional(),
    overrideReason: overrideReason.optional(),
    outcomeTimestamp: z.iso.datetime({ offset: true }).refine((t) => {
      const at = Date.parse(t);
      return at >= EARLIEST_OUTCOME && at < LATEST_OUTCOME;
    }, 'outcomeTimestamp is between 2000 and 2099'),
  })
  .superRefine((f, ctx) => {
    if (f.outcome === 'accepted' && !f.acceptedSuggestions?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['acceptedSuggestions'],
        message: 'accepted feedback lists acceptedSuggestions',
      });
    }
  });

export const feedbackRequestSchema = z.looseObject({
  feedback: z.array(feedbackEntrySchema).min(1).max(1000),
});

export type FeedbackEntry = z.infer<typeof feedbackEntrySchema>;
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;
