/**
 * A resource reference anywhere in a string (`Observation/p1234-diary-3`): FHIR ids are [A-Za-z0-9-.]{1,64}. Every
 * occurrence of the patient's id inside one is removed, however short the id (an evidence id carries no clinical
 * meaning, so over-redacting one costs nothing).
 */
const REFERENCE = /(?<![A-Za-z0-9])([A-Z][A-Za-z]+)\/([A-Za-z0-9.-]{1,64})/g;

/**
 * Outside references, an id this long is removed wherever it occurs; a shorter one only where it stands as a word, and
 * an all-digit shorter one not at all: "12" inside "Headache days 12 in 2026-10-12" is a count and a date, and the
 * engine's own texts never quote a record's ids (they reach the page as references, handled above).
 */
const MIN_FREE_TEXT_ID_LENGTH = 6;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Copies `value` (JSON-like) with the patient's id removed from every string: `Patient/<id>` becomes `Patient`, and
 * the id inside another resource id (`Observation/<id>-diary-3`) becomes `[patient]`. The timeline page shows no
 * patient identifier; resource ids in evidence often embed the patient's.
 */
export function redactPatientId<T>(value: T, patientId: string): T {
  if (!patientId) return value;
  const patientRef = new RegExp(`Patient/${escapeRegExp(patientId)}(?![A-Za-z0-9.-])`, 'g');
  const anywhere = new RegExp(escapeRegExp(patientId), 'g');
  const inText =
    patientId.length >= MIN_FREE_TEXT_ID_LENGTH
      ? anywhere
      : /^\d+$/.test(patientId)
        ? undefined
        : new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(patientId)}(?![A-Za-z0-9])`, 'g');
  const redact = (text: string): string => {
    // Another patient's reference (a family member's) is not this patient's id.
    const refs = text
      .replace(patientRef, 'Patient')
      .replace(REFERENCE, (ref, type: string, id: string) =>
        type === 'Patient' ? ref : `${type}/${id.replace(anywhere, '[patient]')}`,
      );
    return inText ? refs.replace(inText, '[patient]') : refs;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
