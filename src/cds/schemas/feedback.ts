import { z } from 'zod';

/** Override reason as the spec places it ({reason: Coding, userComment}); the sandbox sends a Coding without display. */
const overrideReason = z
  .looseObject({
    reason: z
      .looseObject({ system: z.string().min(1).optional(), code: z.string().min(1), display: z.string().optional() })
      .optional(),
    userComment: z.string().max(4000).optional(),
  })
  .refine(
    (r) => r.reason !== undefined || (r.userComment ?? '').length > 0,
    'an override reason has a reason or a comment',
  );

export const feedbackEntrySchema = z
  .looseObject({
    card: z.string().min(1).max(128),
    outcome: z.enum(['accepted', 'overridden']),
    acceptedSuggestions: z.array(z.looseObject({ id: z.string().min(1).max(128) })).optional(),
    overrideReason: overrideReason.optional(),
    outcomeTimestamp: z.iso.datetime({ offset: true }),
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
