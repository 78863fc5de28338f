import type { CodeableConcept, Coding } from '@medplum/fhirtypes';

export const SYSTEMS = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  ndc: 'http://hl7.org/fhir/sid/ndc',
  diary: 'http://migraine-cds.org/fhir/CodeSystem/headache-diary',
  preventiveOutcome: 'http://migraine-cds.org/fhir/CodeSystem/preventive-outcome',
} as const;

/** Canonical form of a code system URL: trimmed, no trailing slash, `https://` accepted for the CMS HCPCS system. */
export function normalizeSystem(system: string | undefined): string {
  const s = (system ?? '').trim().replace(/\/+$/, '');
  return s.replace(/^https:\/\/www\.cms\.gov\//i, 'http://www.cms.gov/');
}

/** Codes compare as written, except ICD-10-CM and NDC, compared without dots/hyphens and case. */
export function normalizeCode(system: string, code: string): string {
  const c = code.trim();
  if (system === SYSTEMS.icd10cm) return c.replace(/\./g, '').toUpperCase();
  if (system === SYSTEMS.ndc) return c.replace(/-/g, '');
  return c;
}

function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Every coding of one or several CodeableConcepts, tolerating missing parts. */
export function codingsOf(concepts: CodeableConcept | CodeableConcept[] | undefined): Coding[] {
  // Fast path (one concept whose codings are all objects): the concept's own array, read-only by contract.
  if (concepts && !Array.isArray(concepts)) {
    const coding = concepts.coding;
    if (!Array.isArray(coding)) return [];
    if (coding.every((x) => x && typeof x === 'object')) return coding;
  }
  return asArray(concepts).flatMap((c) =>
    c && Array.isArray(c.coding) ? c.coding.filter((x) => x && typeof x === 'object') : [],
  );
}

/** The human texts of one or several CodeableConcepts: `text` and every coding's `display`. */
export function textsOf(concepts: CodeableConcept | CodeableConcept[] | undefined): string[] {
  return asArray(concepts).flatMap((c) => [
    ...(typeof c?.text === 'string' ? [c.text] : []),
    ...codingsOf(c)
      .map((x) => x.display)
      .filter((d): d is string => typeof d === 'string'),
  ]);
}

/** True when the concept carries `system|code` (system compared normalised). */
export function hasCoding(
  concepts: CodeableConcept | CodeableConcept[] | undefined,
  system: string,
  code: string,
): boolean {
  const sys = normalizeSystem(system);
  return codingsOf(concepts).some(
    (c) =>
      normalizeSystem(c.system) === sys &&
      typeof c.code === 'string' &&
      normalizeCode(sys, c.code) === normalizeCode(sys, code),
  );
}

/** A short label for a concept: its text, else the first display, else the first `code`. */
export function conceptLabel(concepts: CodeableConcept | CodeableConcept[] | undefined): string {
  return textsOf(concepts)[0] ?? codingsOf(concepts)[0]?.code ?? 'unnamed';
}
