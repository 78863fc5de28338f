import { randomUUID } from 'node:crypto';
import type { MedicationRequest } from '@medplum/fhirtypes';
import type { Assessment, Indicator } from '../../engine/assessment.ts';
import type { Policy } from '../../engine/policy/policy-schema.ts';
import type { FindingResult } from '../../engine/types.ts';
import type { Card, CardAction, Suggestion } from '../schemas/response.ts';
import type { BotoxDraft } from '../services/botox-drafts.ts';
import type { OrderFinding } from '../services/order-checks.ts';
import type { DoseReading } from '../services/order-dose.ts';
import { assessmentDetail, findingsSection } from './assessment-detail.ts';
import { assessmentExtension } from './assessment-extension.ts';
import {
  applyCycleOrder,
  type CycleOrderPlan,
  draftHeadacheReferral,
  r4ValidationErrors,
} from './botox-order-resources.ts';
import {
  cautionPhrase,
  contraindicationSummary,
  firstToDocument,
  notEligibleSummary,
  verdictPhrase,
} from './candidacy-summary.ts';
import { cardSource, overrideReasonsFor, timelineLink } from './card-source.ts';
import { CARD_TEXTS, cardText, label } from './card-texts.ts';
import { compact } from './compact.ts';
import { fitSummary } from './fit-summary.ts';
import { evidenceText, recordText } from './markdown-text.ts';
import { midSentence } from './mid-sentence.ts';

export interface OrderCardInput {
  assessment?: Assessment;
  /** Findings of a limited check (a draft with a non-migraine reason): other toxin use only. */
  limitedFindings?: FindingResult[];
  orderFindings: OrderFinding[];
  drafts: BotoxDraft[];
  dose: DoseReading;
  plannedDate: string;
  plannedDateStated: boolean;
  patientId: string;
  policy: Policy;
  timelineUrl?: string;
  /** The patient's own code and the earliest date, for an `update` of the draft (clinical-rules 11.15). */
  plan?: CycleOrderPlan;
}

/** Critical for a contraindication; warning when the order is unsupported, too early, off-label, over the cumulative limit, continues a non-response, or any caution is present; info otherwise. */
export function orderIndicator(input: OrderCardInput): Indicator {
  const a = input.assessment;
  if (a?.status === 'contraindicated') return 'critical';
  if (a && (a.status === 'not-eligible' || a.status === 'incomplete')) return 'warning';
  if (input.orderFindings.some((f) => f.severity === 'warning')) return 'warning';
  // clinical-rules 5: "continues a non-response"; NICE's episodic advice follows a good outcome and stays info.
  if (a?.treatment?.response.verdict === 'non-responding') return 'warning';
  const findings = [...(a?.findings ?? []), ...(input.limitedFindings ?? [])];
  if (findings.some((f) => f.severity === 'caution')) return 'warning';
  return 'info';
}

function orderSummary(input: OrderCardInput): string {
  const a = input.assessment;
  const p = input.policy.parameters;
  const find = (id: OrderFinding['id']) => input.orderFindings.find((f) => f.id === id);
  const interval = find('treatment-interval');
  const dose = find('dose');
  const cumulative = find('cumulative-dose');
  const prefix = (text: string) => `${cardText('summaries', 'order')}${midSentence(text.replace(/^Botox /, ''))}`;
  if (a?.status === 'contraindicated') return contraindicationSummary(a.findings);
  if (interval) return fitSummary(`Botox order too early: ${interval.summary.replace(/^Too early: /, '')}`);
  if (a?.status === 'not-eligible') return fitSummary(prefix(notEligibleSummary(a, p)));
  if (a?.status === 'incomplete') {
    return fitSummary(prefix(cardText('summaries', 'undecided', { what: firstToDocument(a) ?? 'see details' })));
  }
  const verdict = a ? verdictPhrase(a, p) : undefined;
  if (a?.treatment?.stopAdvice && verdict) return fitSummary(`${cardText('summaries', 'orderContinues')}${verdict}`);
  // "200 U: exceeds the 195 U ..." reads "Botox order: 200 U exceeds the 195 U ...".
  if (dose?.severity === 'warning') return fitSummary(`Botox order: ${dose.summary.replace(/^(\d+ U): /, '$1 ')}`);
  if (cumulative)
    return fitSummary(
      `Botox order: ${midSentence(cumulative.summary)}`,
      'Botox order: cumulative toxin dose over the 3-month limit',
    );
  const findings = [...(a?.findings ?? []), ...(input.limitedFindings ?? [])];
  const caution = cautionPhrase(findings);
  if (!a)
    return fitSummary(
      `Botox order (another indication) - ${cardText('summaries', 'caution', { caution: caution ?? '' })}`,
    );
  // A caution is named, never counted (clinical-rules 8).
  if (caution) return fitSummary(`Botox order supported - ${cardText('summaries', 'caution', { caution })}`);
  const t = a.treatment;
  if (t) {
    // A course goes on: which cycle, since when it is due, and the verdict when there is one (clinical-rules 8).
    const cycle = `Botox order: cycle ${t.cycles + 1}, ${t.due ? 'due since' : 'eligible from'} ${t.nextEligible}`;
    const tail = dose ? midSentence(dose.summary) : 'interval and dose in order';
    return fitSummary(`${cycle}; ${verdict ? `${verdict}; ` : ''}${tail}`, `${cycle}; ${tail}`, cycle);
  }
  if (dose) return fitSummary(`Botox order supported; ${midSentence(dose.summary)}`);
  return fitSummary('Botox order supported: criteria documented, interval and dose in order');
}

/** The draft and each order check (interval, dose, cumulative dose) with what it rests on. */
function orderChecks(input: OrderCardInput): string {
  const when = input.plannedDateStated ? `planned ${input.plannedDate}` : `if given today (${input.plannedDate})`;
  const t = input.assessment?.treatment;
  // On treatment, the order line says which cycle this is and since when it is due (the interval at a glance).
  const cycle = t && input.plannedDate >= t.nextEligible ? ` Cycle ${t.cycles + 1}, due since ${t.nextEligible}.` : '';
  const order = `**Order:** ${input.drafts.map((d) => recordText(d.product)).join(' + ')}, ${when}.${cycle}`;
  if (!input.orderFindings.length) return `${order} Interval and dose in order.`;
  const rows = input.orderFindings.map((f) => {
    const refs = evidenceText(f.evidence);
    const level = f.severity === 'warning' ? 'Warning' : 'Note';
    return `- **${level}: ${midSentence(label('findings', f.id))}.** ${recordText(f.summary)}${refs ? ` _(${refs})_` : ''}`;
  });
  return [order, ...rows].join('\n');
}

/**
 * The draft with its dose set to the label dose, for an `update` suggestion: a valid R4 MedicationRequest, or undefined
 * when none can be made from the draft (its id is not a FHIR id, or a field of it is not valid R4: `"intent": 5`,
 * `"category": "outpatient"`). The dose warning stays on the card either way.
 */
function withLabelDose(
  draft: BotoxDraft,
  patientId: string,
  units: number,
  plan: CycleOrderPlan | undefined,
): { resource: MedicationRequest; dateSet?: string } | undefined {
  if (!draft.ref) return undefined;
  // A deep copy of the EHR's draft less its empty values (`"reasonReference": []`, `"note": [{"text": ""}]`,
  // `"category": {}`): CDS Hooks rejects them anywhere in a response, and R4 does not allow them either.
  const r = compact(draft.resource) as Record<string, unknown>;
  const { dateSet } = applyCycleOrder(r, units, plan, draft.plannedDate);
  r.status ??= 'draft';
  r.intent ??= 'order';
  if (r.category && !Array.isArray(r.category)) r.category = [r.category];
  r.subject ??= { reference: `Patient/${patientId}` };
  const resource = r as unknown as MedicationRequest;
  return r4ValidationErrors(resource).length ? undefined : { resource, ...(dateSet ? { dateSet } : {}) };
}

function suggestionsFor(input: OrderCardInput): Suggestion[] {
  const p = input.policy.parameters;
  const suggestions: Suggestion[] = [];
  const overMax = input.orderFindings.some((f) => f.id === 'dose' && f.band === 'above-maximum');
  const med = input.drafts.find(
    (d) => d.kind === 'medication' && d.ref && d.resource.resourceType === 'MedicationRequest',
  );
  const labelDose = overMax && med ? withLabelDose(med, input.patientId, p.labelDoseUnits, input.plan) : undefined;
  if (labelDose) {
    suggestions.push({
      label: `Set the dose to the labelled ${p.labelDoseUnits} Units`,
      uuid: randomUUID(),
      isRecommended: true,
      actions: [
        {
          type: 'update',
          description: `Change the draft onabotulinumtoxinA dose to ${p.labelDoseUnits} Units (5 U at 31 sites)${labelDose.dateSet ? `, not before ${labelDose.dateSet}` : ''}`,
          resource: labelDose.resource,
        },
      ],
    });
  }
  const status = input.assessment?.status;
  if (status === 'not-eligible' || status === 'incomplete') {
    // A `delete` names its draft as `Type/id`, and the id must be a FHIR id (response.ts). When a draft has no id or one
    // that is not (`ORD_12345_draft`, `urn:uuid:...`, over 64 characters), deleting only the others would leave that
    // draft to be signed by a clinician who took the suggestion for its removal: the referral is offered alone then,
    // labelled so (still what the card advises), and the draft is removed by hand.
    const deletable = input.drafts.every((d) => d.ref !== undefined);
    const deletions: CardAction[] = deletable
      ? input.drafts.map((d) => ({
          type: 'delete',
          description: `Remove the draft ${d.product} order`,
          resourceId: d.ref!,
        }))
      : [];
    const reason = `OnabotulinumtoxinA candidacy ${status === 'incomplete' ? 'not fully documented' : 'not supported'} (policy ${input.policy.id})`;
    suggestions.push({
      label: deletable
        ? 'Remove the draft and refer to a headache specialist'
        : 'Refer to a headache specialist (remove the draft order by hand)',
      uuid: randomUUID(),
      actions: [
        ...deletions,
        {
          type: 'create',
          description: 'Draft referral to a headache specialist',
          resource: draftHeadacheReferral(input.patientId, reason),
        },
      ],
    });
  }
  return suggestions;
}

/** One card per request for the Botox order: order checks first, then the patient's assessment. */
export function orderCard(input: OrderCardInput): Card {
  const p = input.policy.parameters;
  // Order checks after the contraindications and cautions, then the boxed warning: an order is where an injection is next.
  const detail = input.assessment
    ? assessmentDetail(input.assessment, p, { orderChecks: orderChecks(input), boxedWarning: true })
    : [findingsSection(input.limitedFindings ?? []), orderChecks(input), CARD_TEXTS.boxedWarning].join('\n\n');
  const suggestions = suggestionsFor(input);
  return {
    uuid: randomUUID(),
    summary: orderSummary(input),
    indicator: orderIndicator(input),
    detail,
    source: cardSource('botox-order-check', input.policy),
    ...(suggestions.length ? { suggestions, selectionBehavior: 'at-most-one' as const } : {}),
    overrideReasons: overrideReasonsFor(input.assessment?.status === 'contraindicated'),
    ...(input.timelineUrl ? { links: [timelineLink(input.timelineUrl)] } : {}),
    extension: assessmentExtension(input.assessment, {
      findings: [...(input.limitedFindings ?? []), ...input.orderFindings],
      order: {
        plannedDate: input.plannedDate,
        plannedDateStated: input.plannedDateStated,
        drafts: input.drafts.map((d) => d.ref).filter(Boolean),
        doseUnits: input.dose.stated === 'units' ? input.dose.units : undefined,
      },
    }),
  };
}
