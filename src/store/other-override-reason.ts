import { OVERRIDE_REASON_SYSTEM } from '../cds/cards/card-source.ts';

/**
 * What the card log keeps of an override reason the card did not offer (or of any reason about a card not in the
 * log): only that there was one, never its code or text, which the client chose and may name the patient.
 */
export const OTHER_OVERRIDE_REASON = {
  system: OVERRIDE_REASON_SYSTEM,
  code: 'other',
  display: 'Other reason (not one the card offered)',
} as const;
