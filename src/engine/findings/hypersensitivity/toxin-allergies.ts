import type { AllergyIntolerance, CodeableConcept } from '@medplum/fhirtypes';
import { allergyCounts } from '../../fhir/allergy-status.ts';
import { conceptLabel, textsOf } from '../../fhir/codeable-concept.ts';
import { refsOf } from '../../fhir/reference.ts';
import { matchValueSet } from '../../terminology/value-set-match.ts';
import type { ValueSet } from '../../terminology/value-set-schema.ts';
import { valueSet } from '../../terminology/value-sets.ts';
import { classifyToxinProduct } from '../../toxin/toxin-product.ts';
import type { FindingResult } from '../../types.ts';

/** What an allergy is to, and the name of what matched (for the card). */
interface Allergen {
  kind: 'toxin' | 'albumin';
  label: string;
}

/**
 * The allergen of an AllergyIntolerance (clinical-rules 3 `hypersensitivity`: "code or text matches any botulinum
 * toxin product or name (SNOMED substance 108890005), or human albumin"), read from its code and every
 * `reaction.substance`. A toxin is any product of the toxin product catalogue (classifyToxinProduct: HCPCS, NDC,
 * names; therapeutic, cosmetic, other and unspecified products alike) or the botulinum-toxin-allergens value set
 * (the SNOMED substance and names).
 */
function allergenOf(a: AllergyIntolerance): Allergen | undefined {
  const concepts = [a.code, ...(a.reaction ?? []).map((r) => r.substance)].filter(
    (c): c is CodeableConcept => c !== undefined,
  );
  const toxins = valueSet('botulinum-toxin-allergens');
  for (const concept of concepts) {
    const label = toxinLabel(concept, toxins);
    if (label) return { kind: 'toxin', label };
  }
  const albumin = valueSet('human-albumin-allergens');
  for (const concept of concepts) {
    if (matchValueSet(concept, albumin))
      return { kind: 'albumin', label: recognisedText(concept, (c) => !!matchValueSet(c, albumin)) };
  }
  return undefined;
}

/** The name of the toxin a concept names, or undefined when it names none. */
function toxinLabel(concept: CodeableConcept, toxins: ValueSet): string | undefined {
  const byValueSet = matchValueSet(concept, toxins);
  const product = classifyToxinProduct(concept);
  if (!byValueSet && !product) return undefined;
  const isToxin = (c: CodeableConcept) => !!matchValueSet(c, toxins) || !!classifyToxinProduct(c);
  // What matched: a text or display naming the toxin; else the coded product's name from the catalogue; else, for
  // the bare substance code, the value set's display ("Botulinum toxin (substance)").
  const text = textsOf(concept).find((t) => isToxin({ text: t }));
  if (text) return text;
  if (product?.matchedBy === 'code' && product.kind !== 'ambiguous-toxin') return product.product;
  const display = byValueSet?.by === 'code' ? byValueSet.display : undefined;
  return display ?? product?.product ?? conceptLabel(concept);
}

/** The first text or display of the concept that matches by itself; else the concept's usual label. */
function recognisedText(concept: CodeableConcept, matches: (c: CodeableConcept) => boolean): string {
  return textsOf(concept).find((t) => matches({ text: t })) ?? conceptLabel(concept);
}

/**
 * A non-allergic reaction after a previous injection: type `intolerance` and every recorded manifestation is one of
 * ptosis, neck weakness or dysphagia. Without recorded manifestations we cannot tell it is not allergic, so it stays a
 * hypersensitivity (the safer reading).
 */
function isPriorAdverseEffect(a: AllergyIntolerance): boolean {
  if (a.type !== 'intolerance') return false;
  const manifestations = (a.reaction ?? []).flatMap((r) => r.manifestation ?? []);
  if (manifestations.length === 0) return false;
  const set = valueSet('toxin-adverse-effect-manifestations');
  return manifestations.every((m) => matchValueSet(m, set) !== undefined);
}

/** The patient's counting toxin and albumin allergies, sorted into hypersensitivities and non-allergic reactions. */
export interface ToxinAllergies {
  hypersensitive: AllergyIntolerance[];
  /** The names of what each hypersensitivity is to, once each. */
  labels: string[];
  /** Intolerances whose every manifestation is a non-allergic effect (ptosis, neck weakness, dysphagia). */
  adverse: AllergyIntolerance[];
}

export function sortToxinAllergies(allergies: AllergyIntolerance[]): ToxinAllergies {
  const hypersensitive: AllergyIntolerance[] = [];
  const labels: string[] = [];
  const adverse: AllergyIntolerance[] = [];
  for (const a of allergies) {
    if (!allergyCounts(a)) continue;
    const allergen = allergenOf(a);
    if (!allergen) continue;
    if (allergen.kind === 'toxin' && isPriorAdverseEffect(a)) adverse.push(a);
    else {
      hypersensitive.push(a);
      labels.push(allergen.label);
    }
  }
  return { hypersensitive, labels: [...new Set(labels)], adverse };
}

/** `hypersensitivity` (contraindication: BOTOX PI) for any botulinum toxin product or human albumin. */
export function hypersensitivityFinding({ hypersensitive, labels }: ToxinAllergies): FindingResult | undefined {
  if (!hypersensitive.length) return undefined;
  return {
    id: 'hypersensitivity',
    severity: 'contraindication',
    evidence: refsOf(hypersensitive),
    summary: `Hypersensitivity recorded: ${labels.join('; ')} (contraindication, BOTOX PI)`,
  };
}

/** The manifestations of non-allergic reactions recorded as intolerances ("Ptosis", "Neck weakness"), once each. */
export function adverseReactionLabels(adverse: AllergyIntolerance[]): string[] {
  const reactions = adverse.flatMap((a) =>
    (a.reaction ?? []).flatMap((r) => (r.manifestation ?? []).map((m) => conceptLabel(m))),
  );
  return [...new Set(reactions)];
}

/**
 * `hypersensitivity` (contraindication) and the allergy part of `prior-toxin-adverse-effect` (caution), from
 * AllergyIntolerance alone; the decision adds the post-injection records (prior-toxin-adverse-effect/).
 */
export function toxinAllergyFindings(allergies: AllergyIntolerance[]): FindingResult[] {
  const sorted = sortToxinAllergies(allergies);
  const findings: FindingResult[] = [];
  const hypersensitivity = hypersensitivityFinding(sorted);
  if (hypersensitivity) findings.push(hypersensitivity);
  if (sorted.adverse.length) {
    findings.push({
      id: 'prior-toxin-adverse-effect',
      severity: 'caution',
      evidence: refsOf(sorted.adverse),
      summary: `Non-allergic reaction after a previous toxin injection (${adverseReactionLabels(sorted.adverse).join(', ')}): review dose and sites`,
    });
  }
  return findings;
}
