import { getSearchParameter } from '@medplum/core';

export interface SearchPaging {
  /** Page size when the client gives no `_count`. */
  defaultCount: number;
  /** Largest page served; a larger `_count` is lowered to it (FHIR lets a server return fewer). */
  maxCount: number;
}

export type PreparedSearch =
  | { ok: true; params: [string, string][]; count: number; offset: number }
  | { ok: false; diagnostics: string };

/** Most `_sort` keys a search may give (distinct, known ones): each is evaluated for every resource found. */
export const MAX_SORT_KEYS = 3;
/** Most filter parameters a search may give: each is matched against every resource of the type. */
export const MAX_SEARCH_PARAMS = 20;

/** Parameters that only shape the answer; accepted and not passed on. */
const IGNORED = new Set(['_format', '_pretty', '_summary', '_elements', '_total']);

/**
 * Turns the parameters of a type search into what Medplum's in-memory repository understands, the FHIR way:
 * - a reference to a patient given as a bare id (`patient=123`, what CDS Hooks prefetch templates and the sandbox
 *   send) becomes `Patient/123`, which is the only form the repository matches;
 * - unknown parameters are ignored (FHIR's lenient handling) instead of matching nothing;
 * - `_count` and `_offset` are checked and bounded; `_sort` keeps only known parameters, each once;
 * - more than MAX_SORT_KEYS sort keys or MAX_SEARCH_PARAMS filters is a 400: either makes one search hold the
 *   event loop for seconds (500 sort keys took 4.5 s).
 * Requires the FHIR definitions to be indexed (see fhir-definitions.ts).
 */
export function prepareSearchQuery(
  resourceType: string,
  input: Iterable<[string, string]>,
  paging: SearchPaging,
): PreparedSearch {
  const params: [string, string][] = [];
  const sortKeys = new Set<string>();
  let filters = 0;
  let count = paging.defaultCount;
  let offset = 0;
  for (const [name, value] of input) {
    if (name === '_count' || name === '_offset') {
      if (!/^\d{1,9}$/.test(value)) return { ok: false, diagnostics: `${name} must be a non-negative integer` };
      if (name === '_count') count = Math.min(Number(value), paging.maxCount);
      else offset = Number(value);
      continue;
    }
    if (IGNORED.has(name)) continue;
    if (name === '_sort') {
      const fields = value.split(',').filter((field) => {
        const code = field.replace(/^-/, '');
        if (sortKeys.has(code) || !getSearchParameter(resourceType, code)) return false;
        sortKeys.add(code);
        return true;
      });
      if (sortKeys.size > MAX_SORT_KEYS) {
        return { ok: false, diagnostics: `_sort takes at most ${MAX_SORT_KEYS} keys` };
      }
      if (fields.length) params.push([name, fields.join(',')]);
      continue;
    }
    const code = name.split(':')[0] as string;
    const definition = getSearchParameter(resourceType, code);
    if (!definition) continue;
    if (++filters > MAX_SEARCH_PARAMS) {
      return { ok: false, diagnostics: `a search takes at most ${MAX_SEARCH_PARAMS} parameters` };
    }
    if (definition.type === 'reference' && !name.includes(':')) {
      const targets = definition.target ?? [];
      const assumed =
        targets.length === 1 ? targets[0] : code === 'subject' && targets.includes('Patient') ? 'Patient' : undefined;
      params.push([name, assumed ? qualifyBareIds(value, assumed) : value]);
      continue;
    }
    params.push([name, value]);
  }
  return { ok: true, params, count, offset };
}

/** `123,456` -> `Patient/123,Patient/456`; values that already carry a type or a URL are left alone. */
function qualifyBareIds(value: string, resourceType: string): string {
  return value
    .split(',')
    .map((v) => (/^[A-Za-z0-9\-.]{1,64}$/.test(v) ? `${resourceType}/${v}` : v))
    .join(',');
}
