import type { Resource } from '@medplum/fhirtypes';
import { assessCandidacy } from '../../engine/assess-candidacy.ts';
import { buildPatientRecord } from '../../engine/patient-record.ts';
import { analyzeToxin } from '../../engine/toxin/analyze-toxin.ts';
import type { EvaluationContext } from '../../engine/types.ts';
import { offerPriorAuth, withPriorAuth } from '../../prior-auth/card-offer.ts';
import { cycleOrderPlan } from '../cards/botox-order-resources.ts';
import { orderCard } from '../cards/order-card.ts';
import type { OrderSelectContext, OrderSignContext } from '../schemas/request.ts';
import type { CdsResponse } from '../schemas/response.ts';
import type { ServiceInput } from '../service.ts';
import { findBotoxDrafts } from './botox-drafts.ts';
import { checkCumulative, checkDose, checkInterval, type OrderFinding } from './order-checks.ts';
import { readDose } from './order-dose.ts';
import { recordFromPrefetch } from './record-from-prefetch.ts';

function draftEntries(context: OrderSelectContext | OrderSignContext): Resource[] {
  const entries = (context.draftOrders.entry ?? []) as { resource?: unknown }[];
  return entries.map((e) => e?.resource).filter((r): r is Resource => !!r && typeof r === 'object');
}

/** A medicationReference we can only resolve with the patient's record (not contained, not in the draft bundle). */
function needsRecordToRecognise(entries: Resource[]): boolean {
  const inBundle = new Set(entries.filter((e) => e.resourceType === 'Medication').map((e) => `Medication/${e.id}`));
  return entries.some((e) => {
    const ref = (e as { medicationReference?: { reference?: string } }).medicationReference?.reference;
    return !!ref && !ref.startsWith('#') && !inBundle.has(ref.replace(/^.*?(Medication\/[^/]+)$/, '$1'));
  });
}

/**
 * order-select and order-sign (clinical-rules 5): at most one card per request for its onabotulinumtoxinA drafts;
 * `{"cards": []}` when there is none (without touching the patient's record).
 */
export async function handleOrder(input: ServiceInput<OrderSelectContext | OrderSignContext>): Promise<CdsResponse> {
  const { context } = input.request;
  // Only order-select carries `selections` (CDS Hooks; clinical-rules 5): a stray key on order-sign is ignored.
  const selections =
    input.request.hook === 'order-select' && 'selections' in context ? (context.selections as string[]) : undefined;
  const entries = draftEntries(context);
  const tz = input.siteTimeZone;
  const quick = findBotoxDrafts(entries, { selections, record: buildPatientRecord([]), siteTimeZone: tz });
  if (!quick.length && !needsRecordToRecognise(entries)) return { cards: [] };

  const record = recordFromPrefetch(await input.data(), context.patientId);
  const drafts = findBotoxDrafts(entries, { selections, record, siteTimeZone: tz });
  if (!drafts.length) return { cards: [] };

  const E = input.evaluationDate;
  // D is the earliest planned date stated on the drafts; an order cannot be given before E, so D is never before E.
  const stated = drafts
    .map((d) => d.plannedDate)
    .filter((d): d is string => !!d)
    .sort()[0];
  const plannedDate = stated && stated > E ? stated : E;
  const p = input.policy.parameters;
  const ctx: EvaluationContext = { evaluationDate: E, siteTimeZone: tz, policy: p };
  const toxin = analyzeToxin(record, ctx, plannedDate);
  const med = drafts.find((d) => d.kind === 'medication');
  const dose = med ? readDose(med.resource) : ({ stated: 'missing' } as const);
  const draftUnits = dose.stated === 'units' ? dose.units : undefined;
  const cumulative = checkCumulative(toxin.onabotulinumUnits(plannedDate, p.minIntervalDays), draftUnits, p);
  const common = {
    drafts,
    dose,
    plannedDate,
    plannedDateStated: stated !== undefined,
    patientId: context.patientId,
    policy: input.policy,
  };

  if (drafts.every((d) => d.reason === 'other')) {
    // A Botox draft for another indication: only the cumulative-dose and other-toxin checks apply.
    const otherToxin = toxin.findings.filter((f) => f.id === 'other-botulinum-toxin');
    if (!cumulative && !otherToxin.length) return { cards: [] };
    return {
      cards: [orderCard({ ...common, limitedFindings: otherToxin, orderFindings: cumulative ? [cumulative] : [] })],
    };
  }

  const assessment = assessCandidacy(record, input.policy, {
    evaluationDate: E,
    siteTimeZone: tz,
    at: plannedDate,
    forceInScope: true,
  });
  const evidence = drafts.map((d) => d.ref).filter((r): r is string => !!r);
  const orderFindings = [checkInterval(assessment, plannedDate), checkDose(dose, p, evidence), cumulative].filter(
    (f): f is OrderFinding => f !== undefined,
  );
  const timelineUrl = await input.links?.timeline({
    patientId: context.patientId,
    hookInstance: input.request.hookInstance,
    payload: assessment,
  });
  const plan = cycleOrderPlan(record.conditions, assessment.cycles.at(-1), E, tz);
  const card = orderCard({ ...common, assessment, orderFindings, plan, ...(timelineUrl ? { timelineUrl } : {}) });
  // The prior-authorization summary only when the order is supported (candidate or on treatment): an unsupported
  // order's card suggests removing the draft, and a summary beside that would argue the other way.
  const supported = assessment.status === 'candidate' || assessment.status === 'on-treatment';
  const offer = supported
    ? await offerPriorAuth({
        assessment,
        policy: input.policy,
        patientId: context.patientId,
        ...(record.patient ? { patient: record.patient } : {}),
        hookInstance: input.request.hookInstance,
        assessedAt: input.assessedAt ?? new Date().toISOString(),
        ...(input.links ? { links: input.links } : {}),
      })
    : undefined;
  return { cards: [withPriorAuth(card, offer)] };
}
