import type {
  CodeableConcept,
  MedicationAdministration,
  MedicationRequest,
  MedicationStatement,
} from '@medplum/fhirtypes';
import { daysBetween, fhirDay } from '../dates.ts';
import { conceptLabel } from '../fhir/codeable-concept.ts';
import { refOf } from '../fhir/reference.ts';
import type { PatientRecord } from '../patient-record.ts';
import type { EvaluationContext, FindingResult } from '../types.ts';
import { administrationWindowDays, doseInMg } from './administered-dose.ts';
import { medicationTerminology } from './drug-catalog.ts';
import type { DrugIngredient, NeuromuscularDrug } from './drug-catalog-schema.ts';
import { type MatchableDrug, matchDrugs } from './drug-match.ts';
import { medicationConcept } from './medication-concept.ts';
import { routeCategory } from './medication-route.ts';
import { recordPeriod } from './record-period.ts';

/** A MedicationRequest counts as active when authored this many days before E or less (clinical-rules 2.2). */
const REQUEST_ACTIVE_DAYS = 90;
const ADMINISTRATION_STATUSES = new Set(['completed', 'in-progress']);
/** Statuses of a statement or request that count within a recent window (aminoglycosides). */
const RECENT_STATUSES = new Set(['active', 'completed', 'stopped']);

export interface ActiveUse<T> {
  drug: T;
  label: string;
  evidence?: string;
  when: string;
  route?: string;
}

type MedRecord = MedicationStatement | MedicationRequest | MedicationAdministration;

export interface ActiveUseRules<T> {
  /** `doseMg`: the dose of the drug given that day (same-day administrations added up), when every one is known. */
  administrationDays: (drug: T, doseMg: number | undefined) => number;
  recentWindow?: (drug: T) => number | undefined;
  routeAllowed?: (drug: T, category: ReturnType<typeof routeCategory>) => boolean;
}

/**
 * Uses of the given drugs that are active at E (clinical-rules 2.2): a MedicationStatement active with a period
 * containing E or open; a MedicationRequest active authored <= 90 days before E (no authoredOn: counted, the safer
 * side); a MedicationAdministration within `administrationDays(drug)` before E. `recentWindow(drug)`, when set,
 * instead counts any statement or request whose period reaches into the last N days (aminoglycosides: 14).
 */
export function activeUses<T extends MatchableDrug>(
  record: PatientRecord,
  ctx: EvaluationContext,
  drugs: T[],
  opts: ActiveUseRules<T>,
): ActiveUse<T>[] {
  const uses: ActiveUse<T>[] = [];
  const all: MedRecord[] = [
    ...record.medicationStatements,
    ...record.medicationRequests,
    ...record.medicationAdministrations,
  ];
  const found: { resource: MedRecord; concepts: CodeableConcept[]; form?: CodeableConcept; drugs: T[] }[] = [];
  for (const resource of all) {
    const { concepts, form } = medicationConcept(resource, record);
    const matches = matchDrugs(concepts, drugs);
    if (matches.length) found.push({ resource, concepts, form, drugs: matches.map((m) => m.drug) });
  }
  const doses = sameDayDoses(found, ctx.siteTimeZone);
  for (const { resource, concepts, form, drugs: matched } of found) {
    const routes = routesOf(resource);
    const category = routeCategory(routes, [...concepts, form]);
    for (const drug of matched) {
      if (opts.routeAllowed && !opts.routeAllowed(drug, category)) continue;
      const when = activeWhen(resource, drug, ctx, opts, doses);
      if (!when) continue;
      const evidence = refOf(resource);
      uses.push({
        drug,
        label: conceptLabel(concepts),
        ...(evidence ? { evidence } : {}),
        when,
        ...(routes[0] ? { route: conceptLabel(routes[0]) } : category ? {} : { route: 'route not stated' }),
      });
    }
  }
  return uses;
}

function administrationDay(a: MedicationAdministration, siteTimeZone: string): string | undefined {
  return fhirDay(a.effectiveDateTime ?? a.effectivePeriod?.end ?? a.effectivePeriod?.start, siteTimeZone);
}

/**
 * The dose of each drug given on each day, in mg, counted administrations added up (fremanezumab 675 mg is often
 * recorded as three 225 mg injections); `undefined` for a day when any of them has no dose in mg.
 */
function sameDayDoses<T>(
  found: { resource: MedRecord; drugs: T[] }[],
  siteTimeZone: string,
): Map<T, Map<string, number | undefined>> {
  const doses = new Map<T, Map<string, number | undefined>>();
  for (const { resource, drugs } of found) {
    if (resource.resourceType !== 'MedicationAdministration' || !ADMINISTRATION_STATUSES.has(resource.status)) continue;
    const day = administrationDay(resource, siteTimeZone);
    if (!day) continue;
    const mg = doseInMg(resource);
    for (const drug of drugs) {
      let byDay = doses.get(drug);
      if (!byDay) {
        byDay = new Map();
        doses.set(drug, byDay);
      }
      const before = byDay.has(day) ? byDay.get(day) : 0;
      byDay.set(day, before === undefined || mg === undefined ? undefined : before + mg);
    }
  }
  return doses;
}

/** How the record is a use active at E (`since 2026-01-02`, `given 2026-03-01`), or undefined when it is not one. */
function activeWhen<T>(
  resource: MedRecord,
  drug: T,
  c: EvaluationContext,
  o: ActiveUseRules<T>,
  doses: Map<T, Map<string, number | undefined>>,
): string | undefined {
  const E = c.evaluationDate;
  const window = o.recentWindow?.(drug);
  if (resource.resourceType === 'MedicationAdministration') {
    if (!ADMINISTRATION_STATUSES.has(resource.status)) return undefined;
    const day = administrationDay(resource, c.siteTimeZone);
    if (!day) return undefined;
    const ago = daysBetween(day, E);
    return ago >= 0 && ago <= (window ?? o.administrationDays(drug, doses.get(drug)?.get(day)))
      ? `given ${day}`
      : undefined;
  }
  const period = recordPeriod(resource, E, c.siteTimeZone);
  if (period.start && period.start > E) return undefined;
  if (window !== undefined) {
    if (!RECENT_STATUSES.has(resource.status)) return undefined;
    const reach = period.end ?? period.start;
    if (reach && daysBetween(reach, E) > window) return undefined;
    if (!reach && resource.status !== 'active') return undefined;
    return period.start ? `from ${period.start}` : 'undated';
  }
  if (resource.status !== 'active') return undefined;
  if (resource.resourceType === 'MedicationStatement') {
    const rawEnd = fhirDay(resource.effectivePeriod?.end, c.siteTimeZone);
    if (rawEnd && rawEnd < E) return undefined;
    return period.start ? `since ${period.start}` : 'active';
  }
  const authored = fhirDay(resource.authoredOn, c.siteTimeZone);
  if (authored && daysBetween(authored, E) > REQUEST_ACTIVE_DAYS) return undefined;
  return authored ? `ordered ${authored}` : 'active order';
}

function routesOf(resource: MedRecord): (CodeableConcept | undefined)[] {
  if (resource.resourceType === 'MedicationAdministration') return [resource.dosage?.route];
  const dosages = resource.resourceType === 'MedicationStatement' ? resource.dosage : resource.dosageInstruction;
  return (dosages ?? []).map((d) => d.route);
}

function evidenceOf(uses: ActiveUse<unknown>[]): string[] {
  return [...new Set(uses.map((u) => u.evidence).filter((e): e is string => !!e))];
}

/** The ingredients flagged `concurrentCgrp`, listed once so that their patterns compile once. */
let concurrentCgrpDrugs: DrugIngredient[] | undefined;

const CONCURRENT_CGRP_RULES: ActiveUseRules<DrugIngredient> = {
  administrationDays: administrationWindowDays,
};

/** `concurrent-cgrp` (caution): an active CGRP antibody or atogepant (data: `concurrentCgrp`). */
export function concurrentCgrpFinding(record: PatientRecord, ctx: EvaluationContext): FindingResult | undefined {
  concurrentCgrpDrugs ??= medicationTerminology().drugs.ingredients.filter((i) => i.concurrentCgrp);
  const uses = activeUses(record, ctx, concurrentCgrpDrugs, CONCURRENT_CGRP_RULES);
  if (!uses.length) return undefined;
  return {
    id: 'concurrent-cgrp',
    severity: 'caution',
    evidence: evidenceOf(uses),
    summary: `Active CGRP-pathway preventive: ${uses.map((u) => `${u.label} (${u.when})`).join('; ')}. Payers may refuse the combination with onabotulinumtoxinA.`,
  };
}

function routeAllowed(drug: NeuromuscularDrug, category: ReturnType<typeof routeCategory>): boolean {
  if (drug.route === 'any') return true;
  // An unstated route cannot rule out systemic use: counted, and the card says "route not stated".
  if (category === undefined) return true;
  if (drug.route === 'systemic') return category !== 'local';
  return category === 'parenteral-or-inhaled';
}

/** The catalogue's windows and route rule, made once (the catalogue is loaded once). */
let neuromuscularRules: ActiveUseRules<NeuromuscularDrug> | undefined;

/** `neuromuscular-blocking-drug` (caution): aminoglycosides by a systemic route within 14 days, other listed drugs active. */
export function neuromuscularDrugFinding(record: PatientRecord, ctx: EvaluationContext): FindingResult | undefined {
  const catalog = medicationTerminology().neuromuscular;
  neuromuscularRules ??= {
    administrationDays: () => catalog.administrationWindowDays,
    recentWindow: (d) => d.activeWindowDays,
    routeAllowed,
  };
  const uses = activeUses(record, ctx, catalog.drugs, neuromuscularRules);
  if (!uses.length) return undefined;
  return {
    id: 'neuromuscular-blocking-drug',
    severity: 'caution',
    evidence: evidenceOf(uses),
    summary: `Drug that may interfere with neuromuscular transmission: ${uses
      .map((u) => `${u.label} (${u.drug.group}; ${[u.route, u.when].filter(Boolean).join(', ')})`)
      .join('; ')}. The effect of the toxin may be potentiated.`,
  };
}
