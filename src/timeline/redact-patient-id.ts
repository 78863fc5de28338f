/** Ids shorter than this are only redacted as `Patient/<id>`: a bare "12" would mangle dates and counts. */
const MIN_FREE_TEXT_ID_LENGTH = 6;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Copies `value` (JSON-like) with the patient's id removed from every string: `Patient/<id>` becomes `Patient`, and
 * a longer id embedded in another resource id (`Observation/<id>-diary-3`) becomes `[patient]`. The timeline page
 * shows no patient identifier; resource ids in evidence often embed the patient's.
 */
export function redactPatientId<T>(value: T, patientId: string): T {
  const patientRef = new RegExp(`Patient/${escapeRegExp(patientId)}(?![A-Za-z0-9.-])`, 'g');
  const bareId = patientId.length >= MIN_FREE_TEXT_ID_LENGTH ? new RegExp(escapeRegExp(patientId), 'g') : undefined;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const s = v.replace(patientRef, 'Patient');
      return bareId ? s.replace(bareId, '[patient]') : s;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
