import type { CodeableConcept, Coding } from '@medplum/fhirtypes';
import { boundedMemo, MAX_MEMO_TEXT } from '../bounded-memo.ts';
import { codingsOf, normalizeSystem, textsOf } from '../fhir/codeable-concept.ts';
import { medicationTerminology } from './drug-catalog.ts';
import type { RouteCategory } from './drug-catalog-schema.ts';

const ORDER: RouteCategory[] = ['local', 'parenteral-or-inhaled', 'systemic-other'];

/**
 * The routes in ORDER, each with its codes by system (looked up without a `system|code` string per coding: the same
 * matches as such strings, since no route system or code holds a `|`) and its text patterns.
 */
let compiled: { category: RouteCategory; codes: Map<string, Set<string>>; text: RegExp[] }[] | undefined;

function codesBySystem(codes: { system: string; code: string }[]): Map<string, Set<string>> {
  const bySystem = new Map<string, Set<string>>();
  for (const c of codes) {
    const system = normalizeSystem(c.system);
    const set = bySystem.get(system) ?? new Set<string>();
    set.add(c.code);
    bySystem.set(system, set);
  }
  return bySystem;
}

function routes() {
  compiled ??= medicationTerminology()
    .routes.routes.map((r) => ({
      category: r.category,
      codes: codesBySystem(r.codes),
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

/** Whether a route carries one of the codings (`systems`: their systems, normalised). */
function hasRouteCode(codes: Map<string, Set<string>>, codings: Coding[], systems: string[]): boolean {
  // A hole in `codings` (which `map` skipped) has no system and matches nothing.
  for (let i = 0; i < codings.length; i++) if (codes.get(systems[i]!)?.has(String(codings[i]?.code))) return true;
  return false;
}

function categoryOf(concepts: CodeableConcept[]): RouteCategory | undefined {
  const codings = codingsOf(concepts);
  if (codings.length) {
    const systems = codings.map((c) => normalizeSystem(c.system));
    for (const r of routes()) if (hasRouteCode(r.codes, codings, systems)) return r.category;
  }
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
