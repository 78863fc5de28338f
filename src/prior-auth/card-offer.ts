import { randomUUID } from 'node:crypto';
import type { Patient } from '@medplum/fhirtypes';
import { PRIOR_AUTH_EXTENSION } from '../cds/card-log-summary.ts';
import type { Card, CardLink, Suggestion } from '../cds/schemas/response.ts';
import type { CardLinkFactory } from '../cds/service.ts';
import type { Assessment } from '../engine/assessment.ts';
import type { Policy } from '../engine/policy/policy-schema.ts';
import { priorAuthDocumentReference } from './document-reference.ts';
import type { PriorAuthKind } from './prior-auth-offer.ts';
import { buildPriorAuthSummary } from './prior-auth-summary.ts';

/** What a card adds when it offers the summary: one suggestion, a link to the printable page, and its extension. */
export interface PriorAuthOffer {
  suggestion: Suggestion;
  link?: CardLink;
  extension: Record<string, { kind: PriorAuthKind; suggestion: string; link: boolean }>;
}

export interface PriorAuthOfferInput {
  assessment: Assessment;
  policy: Policy;
  patientId: string;
  /** The Patient resource of the record: name and birth date go into the DocumentReference only. */
  patient?: Patient;
  hookInstance: string;
  /** The instant of the assessment (ISO 8601): the DocumentReference's date. */
  assessedAt: string;
  links?: CardLinkFactory;
}

/**
 * The prior-authorization summary a card offers (clinical-rules 9; 11, items 18-19), or undefined when the
 * assessment offers none: a suggestion whose `create` is the DocumentReference (never recommended), and a capability
 * link to the printable page when links are enabled.
 */
export async function offerPriorAuth(input: PriorAuthOfferInput): Promise<PriorAuthOffer | undefined> {
  const summary = buildPriorAuthSummary(input.assessment, input.policy, input.assessedAt);
  if (!summary) return undefined;
  const uuid = randomUUID();
  const request = summary.kind === 'continuation' ? 'continuation' : 'initial request';
  const suggestion: Suggestion = {
    label: `Save a prior authorization summary (${request}) to the chart`,
    uuid,
    actions: [
      {
        type: 'create',
        description: `Prior authorization summary for onabotulinumtoxinA (${request}): the evidence behind this card, with what is not yet documented`,
        resource: priorAuthDocumentReference(summary, input.patientId, input.patient),
      },
    ],
  };
  const url = await input.links?.priorAuth?.({
    patientId: input.patientId,
    hookInstance: input.hookInstance,
    summary,
  });
  return {
    suggestion,
    ...(url
      ? { link: { label: `Prior authorization summary, printable (${request})`, url, type: 'absolute' as const } }
      : {}),
    extension: { [PRIOR_AUTH_EXTENSION]: { kind: summary.kind, suggestion: uuid, link: !!url } },
  };
}

/**
 * The card with the summary added: its suggestion, its link (after the card's own links) and its extension. The
 * summary and a drafted order are independent choices, so the card's suggestions become `any` (a card that suggests
 * deleting a draft never gets here: an unsupported order is offered no summary).
 */
export function withPriorAuth(card: Card, offer: PriorAuthOffer | undefined): Card {
  if (!offer) return card;
  const suggestions = [...(card.suggestions ?? []), offer.suggestion];
  const links = [...(card.links ?? []), ...(offer.link ? [offer.link] : [])];
  return {
    ...card,
    suggestions,
    selectionBehavior: 'any',
    ...(links.length ? { links } : {}),
    extension: { ...(card.extension ?? {}), ...offer.extension },
  };
}
