import type { CodeableConcept } from '@medplum/fhirtypes';
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

function categoryOf(concepts: CodeableConcept[]): RouteCategory | undefined {
  const keys = codingsOf(concepts).map((c) => `${normalizeSystem(c.system)}|${c.code}`);
  const byCode = routes().find((r) => keys.some((k) => r.codes.has(k)));
  if (byCode) return byCode.category;
  const texts = textsOf(concepts);
  return routes().find((r) => texts.some((t) => r.text.some((re) => re.test(t))))?.category;
}

/**
 * How a drug reaches the body: the recorded route first, else the dose-form words of the product ("Injectable
 * Solution", "Ophthalmic Solution"); undefined when neither says.
 */
export function routeCategory(
  routes: (CodeableConcept | undefined)[],
  productConcepts: (CodeableConcept | undefined)[],
): RouteCategory | undefined {
  const present = (cs: (CodeableConcept | undefined)[]) => cs.filter((c): c is CodeableConcept => !!c);
  return categoryOf(present(routes)) ?? categoryOf(present(productConcepts));
}
