import type { HookContext } from '../cds/schemas/request.ts';

/** The `user*Id` tokens of CDS Hooks 2.0 and the resource type each one takes from `context.userId`. */
const USER_TOKENS: Record<string, string> = {
  userPractitionerId: 'Practitioner',
  userPractitionerRoleId: 'PractitionerRole',
  userPatientId: 'Patient',
  userRelatedPersonId: 'RelatedPerson',
};

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type FilledTemplate = { ok: true; query: string } | { ok: false; reason: string };

/**
 * Fills a CDS Hooks 2.0 prefetch template from the hook context: `{{context.<field>}}` (first-level string fields
 * only) and the `user*Id` tokens derived from `context.userId`. Anything else (`{{today()}}` of 3.0, nested paths)
 * is refused rather than guessed. Values are URL-encoded, so `Condition?patient={{context.patientId}}` becomes
 * `Condition?patient=123`: the bare id, as the spec sends it.
 *
 * @example fillPrefetchTemplate('Patient/{{context.patientId}}', { patientId: '123', userId: 'Practitioner/9' })
 * // -> { ok: true, query: 'Patient/123' }
 */
export function fillPrefetchTemplate(template: string, context: HookContext): FilledTemplate {
  const missing: string[] = [];
  const query = template.replace(TOKEN, (_all, token: string) => {
    const value = tokenValue(token, context);
    if (value === undefined) {
      missing.push(token);
      return '';
    }
    return encodeURIComponent(value);
  });
  if (missing.length) {
    return { ok: false, reason: `the prefetch template needs ${missing.join(', ')}, which the request did not give` };
  }
  return { ok: true, query };
}

function tokenValue(token: string, context: HookContext): string | undefined {
  const fields = context as unknown as Record<string, unknown>;
  const userType = USER_TOKENS[token];
  if (userType) {
    const [type, id, ...rest] = String(fields.userId ?? '').split('/');
    return type === userType && id && rest.length === 0 ? id : undefined;
  }
  const match = /^context\.([A-Za-z][A-Za-z0-9]*)$/.exec(token);
  if (!match) return undefined;
  const value = fields[match[1] as string];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
