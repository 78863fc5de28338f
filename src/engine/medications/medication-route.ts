import type { CodeableConcept } from '@medplum/fhirtypes';
import { boundedMemo, MAX_MEMO_TEXT } from '../bounded-memo.ts';
import { codingsOf, normalizeSystem, textsOf } from '../fhir/codeable-concept.ts';
import { medicationTerminology } from './drug-catalog.ts';
import type { RouteCategory } from './drug-catalog-schema.ts';

const ORDER: RouteCategory[] = ['local', 'parenteral-or-inhaled', 'systemic-other'];

let compiled: { category: RouteCategory; codes: Set<string>; text: RegExp[] }[] | undefined;

function routes() {
  compiled ??= medicationTerminology()
    .routes.routes.map((r) => ({
      category: r.category,
      codes: new Set(r.codes.map((c) => `${normalizeSystem(c.system)}|${c.code}`)),
      text: r.text.map((t) => new RegExp(t, 'i')),
    }))
    .sort((a, b) => ORDER.indexOf(a.category) - ORDER.indexOf(b.category));
  return compiled;
}

/** The index in routes() of the first route whose words a text has; -1 for none. */
function firstRouteInText(text: string): number {
  return routes().findIndex((r) => r.text.some((re) => re.test(text)));
}

/** Route and product texts recur on every request; longer texts are read without the memo. */
const memoFirstRouteInText = boundedMemo(firstRouteInText, 2_000, MAX_MEMO_TEXT);

function categoryOf(concepts: CodeableConcept[]): RouteCategory | undefined {
  const keys = codingsOf(concepts).map((c) => `${normalizeSystem(c.system)}|${c.code}`);
  const byCode = routes().find((r) => keys.some((k) => r.codes.has(k)));
  if (byCode) return byCode.category;
  // The first route (in ORDER) named by any text: the smallest first-route index over the texts.
  let first = -1;
  for (const t of textsOf(concepts)) {
    const i = memoFirstRouteInText(t);
    if (i !== -1 && (first === -1 || i < first)) first = i;
  }
  return first === -1 ? undefined : routes()[first]!.category;
}

/**
 * How a drug reaches the body: the recorded route first, else the dose-form words of the product ("Injectable
 * Solution", "Ophthalmic Solution"); undefined when neither says.
 */
export function routeCategory(
  routes: (CodeableConcept | undefined)[],
  productConcepts: (CodeableConcept | undefined)[],
): RouteCategory | undefined {
  return categoryOf(present(routes)) ?? categoryOf(present(productConcepts));
}

function present(concepts: (CodeableConcept | undefined)[]): CodeableConcept[] {
  return concepts.filter((c): c is CodeableConcept => !!c);
}
