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
  if (typeof system === 'string' && isCanonicalSystem(system)) return system;
  const s = (system ?? '').trim().replace(/\/+$/, '');
  return s.replace(/^https:\/\/www\.cms\.gov\//i, 'http://www.cms.gov/');
}

/**
 * True when normalizeSystem leaves `system` as it is: printable ASCII at both ends (nothing to trim), no trailing
 * slash, and not `https` (the CMS rewrite). Systems are read on every coding; most are already canonical.
 */
function isCanonicalSystem(system: string): boolean {
  const n = system.length;
  if (n === 0) return true;
  const first = system.charCodeAt(0);
  const last = system.charCodeAt(n - 1);
  if (first <= 32 || first >= 127 || last <= 32 || last >= 127 || last === 47) return false;
  const fifth = system.charCodeAt(4);
  return fifth !== 115 && fifth !== 83;
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
  const codings: Coding[] = [];
  for (const c of asArray(concepts)) {
    if (!c || !Array.isArray(c.coding)) continue;
    for (const x of c.coding) if (x && typeof x === 'object') codings.push(x);
  }
  return codings;
}

/** The human texts of one or several CodeableConcepts: `text` and every coding's `display`. */
export function textsOf(concepts: CodeableConcept | CodeableConcept[] | undefined): string[] {
  const texts: string[] = [];
  for (const c of asArray(concepts)) {
    if (typeof c?.text === 'string') texts.push(c.text);
    for (const x of codingsOf(c)) if (typeof x.display === 'string') texts.push(x.display);
  }
  return texts;
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
