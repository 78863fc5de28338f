import type { Suggestion } from '../../src/cds/schemas/response.ts';
import { PRIOR_AUTH_DOCUMENT_TYPE } from '../../src/prior-auth/document-reference.ts';

/** The card's prior-authorization suggestion (src/prior-auth): a `create` of the summary's DocumentReference. */
export function isPriorAuthSuggestion(s: Suggestion): boolean {
  return (s.actions ?? []).some(
    (a) => (a.resource as { type?: { text?: string } } | undefined)?.type?.text === PRIOR_AUTH_DOCUMENT_TYPE,
  );
}
