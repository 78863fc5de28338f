import type { DocumentReference, HumanName, Patient } from '@medplum/fhirtypes';
import type { PriorAuthSummary } from './prior-auth-summary.ts';
import { type SummaryIdentity, summaryHtml, summaryText } from './render-summary.ts';

/** DocumentReference.type.text of every summary (clinical-rules 9). */
export const PRIOR_AUTH_DOCUMENT_TYPE = 'Botox prior authorization summary';

function nameOf(names: HumanName[] | undefined): string | undefined {
  const n = names?.find((x) => x.use === 'official') ?? names?.find((x) => x.use !== 'old') ?? names?.[0];
  if (!n) return undefined;
  const text = n.text?.trim() || [...(n.given ?? []), n.family].filter(Boolean).join(' ').trim();
  return text || undefined;
}

/** Name and birth date as the chart records them: the document is created inside the EHR, so it may carry them. */
export function identityOf(patient: Patient | undefined): SummaryIdentity {
  const name = nameOf(patient?.name);
  const birthDate = typeof patient?.birthDate === 'string' ? patient.birthDate : undefined;
  return { ...(name ? { name } : {}), ...(birthDate ? { birthDate } : {}) };
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * The R4 DocumentReference a card suggestion creates (clinical-rules 9; 11, item 19): status current; type text
 * "Botox prior authorization summary"; subject the patient; date the assessment's instant; two attachments, the HTML
 * and the same text as text/plain, both base64. `docStatus` preliminary: a clinician reviews and signs it first.
 */
export function priorAuthDocumentReference(
  summary: PriorAuthSummary,
  patientId: string,
  patient?: Patient,
): DocumentReference {
  const identity = identityOf(patient);
  const title = `${summary.title}: ${summary.request}`;
  return {
    resourceType: 'DocumentReference',
    status: 'current',
    docStatus: 'preliminary',
    type: { text: PRIOR_AUTH_DOCUMENT_TYPE },
    subject: { reference: `Patient/${patientId}` },
    date: summary.assessedAt,
    description: `${summary.request} for onabotulinumtoxinA (BOTOX), chronic migraine; policy ${summary.policy.id} ${summary.policy.version}; evaluated ${summary.evaluationDate}`,
    content: [
      {
        attachment: {
          contentType: 'text/html',
          language: 'en',
          data: base64(summaryHtml(summary, identity)),
          title,
          creation: summary.assessedAt,
        },
      },
      {
        attachment: {
          contentType: 'text/plain',
          language: 'en',
          data: base64(summaryText(summary, identity)),
          title,
          creation: summary.assessedAt,
        },
      },
    ],
  };
}
