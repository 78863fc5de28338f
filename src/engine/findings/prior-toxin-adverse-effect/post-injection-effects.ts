import type { AdverseEvent, CodeableConcept, Condition, Observation, Resource } from '@medplum/fhirtypes';
import { addDays, daysBetween, fhirDay } from '../../dates.ts';
import { conceptLabel, hasCoding, SYSTEMS } from '../../fhir/codeable-concept.ts';
import { verificationOf } from '../../fhir/condition-status.ts';
import { refOf, targetOf } from '../../fhir/reference.ts';
import { conditionDates, observationDay, procedureDay } from '../../fhir/resource-dates.ts';
import { matchDiagnosis, matchValueSet } from '../../terminology/value-set-match.ts';
import { valueSet } from '../../terminology/value-sets.ts';
import type { FindingInput } from '../finding-module.ts';

/** clinical-rules 11.10: effects count 0-28 days after an injection, for injections in the 365 days before E. */
const EFFECT_WINDOW_DAYS = 28;
const INJECTION_LOOKBACK_DAYS = 365;
const COUNTED_OBSERVATION = new Set(['final', 'amended', 'corrected']);
const EXCLUDED_VERIFICATION = new Set(['refuted', 'entered-in-error']);

/** A toxin injection an effect may follow: a chronic-migraine cycle (its date) or another toxin use. */
interface Injection {
  date: string;
  /** "the cycle of 2026-08-01", "BOTOX Cosmetic on 2026-08-01". */
  text: string;
}

/** One effect recorded after an injection. */
export interface PostInjectionEffect {
  resource: Condition | Observation | AdverseEvent;
  evidence?: string;
  /** "the cycle of 2026-08-01" */
  after: string;
  label: string;
  /** The effect's date, when recorded. */
  day?: string;
}

/** Injections in the 365 days before E, newest first; cycles by their date (the first record, 11.10). */
function recentInjections(input: FindingInput): Injection[] {
  const E = input.ctx.evaluationDate;
  const from = addDays(E, -INJECTION_LOOKBACK_DAYS);
  const injections: Injection[] = [
    ...input.toxin.cycles.map((c) => ({ date: c.date, text: `the cycle of ${c.date}` })),
    ...input.toxin.otherToxinUses.flatMap((u) => (u.date ? [{ date: u.date, text: `${u.product} on ${u.date}` }] : [])),
  ];
  return injections.filter((i) => i.date >= from && i.date <= E).sort((a, b) => b.date.localeCompare(a.date));
}

/** The latest injection that a day falls 0-28 days after. */
function injectionBefore(injections: Injection[], day: string | undefined): Injection | undefined {
  if (!day) return undefined;
  return injections.find((i) => {
    const after = daysBetween(i.date, day);
    return after >= 0 && after <= EFFECT_WINDOW_DAYS;
  });
}

/**
 * The records a toxin AdverseEvent may name as its suspect (11.10: "a toxin administration or 64615 procedure"):
 * every cycle record and other toxin use, by `Type/id`, with what to call it; and any CPT 64615 Procedure.
 */
function suspectTexts(input: FindingInput): Map<string, string> {
  const texts = new Map<string, string>();
  for (const c of input.toxin.cycles) for (const e of c.evidence) texts.set(e, `the cycle of ${c.date}`);
  for (const u of input.toxin.otherToxinUses) {
    for (const e of u.evidence) if (!texts.has(e)) texts.set(e, u.date ? `${u.product} on ${u.date}` : u.product);
  }
  for (const p of input.record.procedures) {
    const ref = refOf(p);
    if (!ref || texts.has(ref) || !hasCoding(p.code, SYSTEMS.cpt, '64615')) continue;
    const day = procedureDay(p, input.ctx.siteTimeZone);
    texts.set(ref, day ? `the injection of ${day}` : 'a toxin injection (CPT 64615)');
  }
  return texts;
}

/**
 * Effects recorded after a toxin injection (clinical-rules 3 `prior-toxin-adverse-effect`, 11.10): a Condition
 * (onset, else recorded date), an Observation or an AdverseEvent in the post-injection set dated 0-28 days after a
 * chronic-migraine cycle or other toxin use of the last 365 days, whatever its clinicalStatus (it is history; refuted
 * and entered-in-error excluded). An AdverseEvent counts when `actuality` is actual or absent; one whose
 * `suspectEntity` names a toxin administration or 64615 procedure counts whatever its date and code.
 */
export function postInjectionEffects(input: FindingInput): PostInjectionEffect[] {
  const tz = input.ctx.siteTimeZone;
  const set = valueSet('post-injection-effects');
  const injections = recentInjections(input);
  const effects: PostInjectionEffect[] = [];
  const push = (resource: PostInjectionEffect['resource'], after: string, label: string, day?: string) => {
    const evidence = refOf(resource);
    effects.push({ resource, after, label, ...(evidence ? { evidence } : {}), ...(day ? { day } : {}) });
  };

  if (injections.length) {
    for (const c of input.record.conditions) {
      const verification = verificationOf(c);
      if (verification && EXCLUDED_VERIFICATION.has(verification)) continue;
      if (!matchDiagnosis(c.code, set)) continue;
      const { onset, recorded } = conditionDates(c, tz);
      for (const day of [onset, recorded]) {
        const injection = injectionBefore(injections, day);
        if (injection) {
          push(c, injection.text, conceptLabel(c.code), day);
          break;
        }
      }
    }
    for (const o of input.nonDiaryObservations) {
      if (!COUNTED_OBSERVATION.has(o.status) || o.valueBoolean === false) continue;
      const concept = matchValueSet(o.code, set)
        ? o.code
        : matchValueSet(o.valueCodeableConcept, set)
          ? o.valueCodeableConcept
          : undefined;
      if (!concept) continue;
      const day = observationDay(o, tz);
      const injection = injectionBefore(injections, day);
      if (injection) push(o, injection.text, conceptLabel(concept), day);
    }
  }

  const suspects = suspectTexts(input);
  for (const ae of input.record.adverseEvents) {
    if (ae.actuality !== undefined && ae.actuality !== 'actual') continue;
    const day = fhirDay(ae.date, tz);
    const label = ae.event ? conceptLabel(ae.event as CodeableConcept) : 'adverse event';
    const suspect = (ae.suspectEntity ?? [])
      .map((s) => targetOf(s?.instance?.reference))
      .find((ref): ref is string => !!ref && suspects.has(ref));
    if (suspect) {
      push(ae, suspects.get(suspect)!, label, day);
      continue;
    }
    if (!matchValueSet(ae.event, set)) continue;
    const injection = injectionBefore(injections, day);
    if (injection) push(ae, injection.text, label, day);
  }
  return effects;
}

/** The resources of the effects, to keep a post-injection dysphagia out of `dysphagia-respiratory` (11.10). */
export function effectResources(effects: PostInjectionEffect[]): Set<Resource> {
  return new Set(effects.map((e) => e.resource));
}
