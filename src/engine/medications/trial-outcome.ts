import type { CodeableConcept } from '@medplum/fhirtypes';
import { codingsOf, normalizeSystem, textsOf } from '../fhir/codeable-concept.ts';
import { medicationTerminology } from './drug-catalog.ts';
import type { PreventiveOutcomeCode } from './drug-catalog-schema.ts';

/** When records disagree, the outcome that settles the most wins: a contraindication or intolerance at any length. */
const PRIORITY: PreventiveOutcomeCode[] = ['contraindicated', 'intolerance', 'inadequate-response'];

/** The strongest of several outcomes, or undefined. */
export function strongestOutcome(outcomes: (PreventiveOutcomeCode | undefined)[]): PreventiveOutcomeCode | undefined {
  return PRIORITY.find((p) => outcomes.includes(p));
}

let textPatterns: { re: RegExp; outcome: PreventiveOutcomeCode }[] | undefined;

/**
 * The trial outcome a statusReason states: the project's preventive-outcome codes and the site's mapped codes first,
 * then the site's text patterns (src/terminology/medications/preventive-outcomes.json).
 */
export function outcomeOfStatusReason(reasons: (CodeableConcept | undefined)[]): PreventiveOutcomeCode | undefined {
  const { outcomes } = medicationTerminology();
  const concepts = reasons.filter((c): c is CodeableConcept => !!c);
  const byCode = codingsOf(concepts).map(
    (coding) =>
      outcomes.codes.find((m) => normalizeSystem(m.system) === normalizeSystem(coding.system) && m.code === coding.code)
        ?.outcome,
  );
  const coded = strongestOutcome(byCode);
  if (coded) return coded;
  textPatterns ??= outcomes.text.map((t) => ({ re: new RegExp(t.pattern, 'i'), outcome: t.outcome }));
  const texts = textsOf(concepts);
  return strongestOutcome(textPatterns.filter((p) => texts.some((t) => p.re.test(t))).map((p) => p.outcome));
}
