import type {
  CodeableConcept,
  MedicationAdministration,
  MedicationStatement,
  Period,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';
import { daysBetween, fhirDay } from '../dates.ts';
import { conceptLabel, textsOf } from '../fhir/codeable-concept.ts';
import { conditionCounts } from '../fhir/condition-status.ts';
import { refOf, targetOf } from '../fhir/reference.ts';
import { medicationConcept } from '../medications/medication-concept.ts';
import { classifyReason } from '../medications/medication-reason.ts';
import type { PatientRecord } from '../patient-record.ts';
import { matchValueSet } from '../terminology/value-set-match.ts';
import { valueSet } from '../terminology/value-sets.ts';
import type { DataNote } from '../types.ts';
import {
  chemodenervationProcedure,
  classifyToxinProduct,
  type ToxinProductKind,
  type ToxinProductMatch,
} from './toxin-product.ts';
import { unitsInText, unitsOfQuantity } from './toxin-units.ts';

/**
 * One dated (or undated) botulinum toxin record, sorted into a chronic-migraine cycle record, BOTOX for migraine that
 * is not a cycle record, or other toxin use (clinical-rules 2.3).
 */
export interface ToxinUse {
  resource: Resource;
  evidence: string;
  /** Day of use (the first day of a period); undefined when the record carries no day-precise date. */
  date?: string;
  /**
   * The last day of a use recorded over a period (its end, when later than `date`): clinical-rules 2, "an
   * effectivePeriod marks every date from start to end", so the use counts as recent through this day.
   */
  through?: string;
  /**
   * An active statement with no end (an open period, or no date at all): still in use, so used up to the day it is
   * judged at (E, or D for orders), whatever its start or dateAsserted.
   */
  ongoing?: boolean;
  /** For an undated statement: it was asserted on this day, so the use was on or before it. */
  latestPossible?: string;
  /**
   * `cycle`: a chronic-migraine cycle record. `migraine-not-cycle`: BOTOX for migraine recorded otherwise than by a
   * completed administration or Procedure (a patient-reported statement; an administration in progress, stopped, on
   * hold or of unknown status): neither a cycle nor other toxin use, its units count toward the cumulative dose only.
   * `other`: other toxin use (other products or other indications).
   */
  role: 'cycle' | 'migraine-not-cycle' | 'other';
  /** The cycle's indication was inferred (BOTOX given with no reason, no 64615, no other toxin indication). */
  indicationInferred: boolean;
  product: string;
  /** Units of onabotulinumtoxinA: a number, `unknown`, or `none` (another product). */
  onabotulinumUnits: number | 'unknown' | 'none';
  /** 64615 or other chemodenervation Procedure (product not stated on it). */
  procedure?: 'chronic-migraine' | 'other-chemodenervation';
  /** The catalogue kind of the product, when the record names one (a chemodenervation Procedure does not). */
  productKind?: ToxinProductKind;
  /** Why it was given, in words: the reasonCode's text or display, else a referenced Condition's (11.16). */
  indication?: string;
  /** Injection sites as recorded (dosage site, Procedure bodySite). */
  sites?: string[];
}

/** Never given: such records count nowhere. Every other status may have been (partly) given. */
const ADMIN_EXCLUDED = new Set(['not-done', 'entered-in-error']);
const PROCEDURE_EXCLUDED = new Set(['preparation', 'not-done', 'entered-in-error']);
const STATEMENT_EXCLUDED = new Set(['entered-in-error', 'intended', 'not-taken']);

function evidenceOf(resource: Resource, label: string): string {
  return refOf(resource) ?? `${resource.resourceType} (${label})`;
}

/**
 * Collects every botulinum toxin record of the patient (clinical-rules 2.3): 64615 Procedures and qualifying
 * completed BOTOX administrations become cycle records; other BOTOX for migraine counts toward the cumulative dose
 * only; everything else toxin is other use. Records dated after E and records without a day-precise date that would
 * be cycles are listed in `notes` and not used.
 */
export function collectToxinUses(
  record: PatientRecord,
  evaluationDate: string,
  siteTimeZone: string,
): { uses: ToxinUse[]; notes: DataNote[] } {
  const uses: ToxinUse[] = [];
  const notes: DataNote[] = [];
  const collected: Collected = { uses, notes, evaluationDate };
  const migraineProcedureDays: string[] = [];
  // Tentative diagnoses count too: the safer reading is not to assume migraine when another indication is possible.
  const otherIndication = record.conditions.some(
    (c) => conditionCounts(c, 'finding') && !!matchValueSet(c.code, valueSet('other-toxin-indications')),
  );

  for (const p of record.procedures) {
    if (PROCEDURE_EXCLUDED.has(p.status)) continue;
    const entry = chemodenervationProcedure(p.code);
    if (!entry) {
      const product = classifyToxinProduct(p.code);
      if (product) {
        const days = useDays(p.performedDateTime, p.performedPeriod, siteTimeZone);
        pushMedicationLike(collected, record, otherIndication, p, product, days, p.status === 'completed');
      }
      continue;
    }
    const { date, through } = useDays(p.performedDateTime, p.performedPeriod, siteTimeZone);
    const label = `CPT ${entry.code}`;
    if (entry.kind === 'chronic-migraine') {
      if (p.status !== 'completed') continue;
      if (date) migraineProcedureDays.push(date);
      pushUse(collected, {
        resource: p,
        evidence: evidenceOf(p, label),
        date,
        role: 'cycle',
        indicationInferred: false,
        product: 'chemodenervation for chronic migraine (CPT 64615)',
        onabotulinumUnits: 'unknown',
        procedure: 'chronic-migraine',
      });
    } else {
      pushUse(collected, {
        resource: p,
        evidence: evidenceOf(p, label),
        date,
        ...(through ? { through } : {}),
        role: 'other',
        indicationInferred: false,
        product: `chemodenervation (CPT ${entry.code}: ${entry.display})`,
        onabotulinumUnits: 'unknown',
        procedure: 'other-chemodenervation',
        ...described(p, record, undefined, p.bodySite ?? []),
      });
    }
  }

  for (const a of record.medicationAdministrations) {
    if (ADMIN_EXCLUDED.has(a.status)) continue;
    const { concept, medication } = conceptOf(a, record);
    const product = classifyToxinProduct(concept, medication);
    if (!product) continue;
    const { date, through } = useDays(a.effectiveDateTime, a.effectivePeriod, siteTimeZone);
    const units = product.onabotulinumtoxinA ? (administeredUnits(a) ?? 'unknown') : unitsIfAmbiguous(product);
    const indication =
      product.kind === 'botox-therapeutic'
        ? migraineIndication(a, record, otherIndication, near64615(migraineProcedureDays, date))
        : undefined;
    if (indication) {
      const completed = a.status === 'completed';
      const used = pushUse(collected, {
        resource: a,
        evidence: evidenceOf(a, product.product),
        date,
        ...(through ? { through } : {}),
        role: completed ? 'cycle' : 'migraine-not-cycle',
        indicationInferred: completed && indication === 'inferred',
        product: product.product,
        onabotulinumUnits: units,
      });
      if (used && !completed) notes.push(notCompletedNote(a, a.status, date, product.product));
      continue;
    }
    pushUse(collected, {
      resource: a,
      evidence: evidenceOf(a, product.product),
      date,
      ...(through ? { through } : {}),
      role: 'other',
      indicationInferred: false,
      product: product.product,
      onabotulinumUnits: product.onabotulinumtoxinA ? units : unitsIfAmbiguous(product),
      ...described(a, record, product, a.dosage?.site ? [a.dosage.site] : []),
    });
  }

  for (const s of record.medicationStatements) {
    if (STATEMENT_EXCLUDED.has(s.status)) continue;
    const { concept, medication } = conceptOf(s, record);
    const product = classifyToxinProduct(concept, medication);
    if (!product) continue;
    const { date, through, end } = useDays(s.effectiveDateTime, s.effectivePeriod, siteTimeZone);
    // An active statement with no end (an open period, or undated) is still in use: through E, or D for orders
    // (clinical-rules 3 `other-botulinum-toxin`; an undated one says "date unknown" whatever its dateAsserted).
    // A day-precise effectiveDateTime is one day of use, as for any record.
    const singleDay = !!date && s.effectiveDateTime !== undefined;
    const ongoing = s.status === 'active' && !end && !singleDay;
    const evidence = evidenceOf(s, product.product);
    // Read like an administration (2.3): a migraine reason, or none with no other toxin indication ("inferred").
    const indication =
      product.kind === 'botox-therapeutic'
        ? migraineIndication(s, record, otherIndication, near64615(migraineProcedureDays, date))
        : undefined;
    const forMigraine = indication !== undefined;
    const units = product.onabotulinumtoxinA ? (statementUnits(s) ?? 'unknown') : unitsIfAmbiguous(product);
    const latestPossible = date ? undefined : fhirDay(s.dateAsserted, siteTimeZone);
    const used = pushUse(collected, {
      resource: s,
      evidence,
      date,
      ...(through ? { through } : {}),
      ...(ongoing ? { ongoing } : {}),
      ...(latestPossible ? { latestPossible } : {}),
      role: forMigraine ? 'migraine-not-cycle' : 'other',
      indicationInferred: false,
      product: product.product,
      onabotulinumUnits: units,
      ...described(
        s,
        record,
        product,
        (s.dosage ?? []).flatMap((d) => (d.site ? [d.site] : [])),
      ),
    });
    if (used && forMigraine) {
      // A patient-reported treatment is not an administration record: cycles come from Procedures and administrations
      // (2.3). Its units were given all the same: they count toward the cumulative dose (5, "every use").
      notes.push({
        kind: 'unused',
        text: `BOTOX for migraine${indication === 'inferred' ? ' (indication inferred)' : ''} reported by statement${date ? ` (${date})` : ''}: not counted as a cycle (its units count toward the cumulative dose); record the administration`,
        evidence: refOf(s) ? [evidence] : [],
      });
    }
  }

  return { uses, notes };
}

/**
 * The product kind, indication and sites of a use, for the `other-botulinum-toxin` text (clinical-rules 5, 11.16):
 * the indication is the first reasonCode text or display, else the text of a Condition the record cites as reason.
 */
function described(
  resource: MedicationAdministration | MedicationStatement | Procedure,
  record: PatientRecord,
  product: ToxinProductMatch | undefined,
  sites: CodeableConcept[],
): Pick<ToxinUse, 'productKind' | 'indication' | 'sites'> {
  let indication = textsOf(resource.reasonCode ?? [])[0];
  for (const ref of resource.reasonReference ?? []) {
    if (indication) break;
    const target = targetOf(ref?.reference);
    const condition = record.conditions.find((c) => `Condition/${c.id}` === target);
    indication = condition?.code ? textsOf(condition.code)[0] : ref?.display;
  }
  const siteLabels = [...new Set(sites.map((s) => conceptLabel(s)))];
  return {
    ...(product ? { productKind: product.kind } : {}),
    ...(indication ? { indication } : {}),
    ...(siteLabels.length ? { sites: siteLabels } : {}),
  };
}

/** What collectToxinUses gathers, and the evaluation date its records are checked against. */
interface Collected {
  uses: ToxinUse[];
  notes: DataNote[];
  evaluationDate: string;
}

/**
 * Why BOTOX (therapeutic) was given for migraine (2.3): `stated` for a migraine reason or a 64615 Procedure within 1
 * day; `inferred` with no reason (neutral reasons count as none) and no active Condition for another toxin indication;
 * undefined when it was given for another indication.
 */
function migraineIndication(
  resource: MedicationAdministration | MedicationStatement | Procedure,
  record: PatientRecord,
  otherIndication: boolean,
  near64615Procedure: boolean,
): 'stated' | 'inferred' | undefined {
  const reason = classifyReason(resource, record);
  if (reason.kind === 'migraine' || near64615Procedure) return 'stated';
  return (reason.kind === 'none' || reason.kind === 'neutral') && !otherIndication ? 'inferred' : undefined;
}

/**
 * BOTOX for migraine recorded as in progress, stopped, on hold or of unknown status: not a cycle (2.3: status
 * completed), not other toxin use (the same product, for migraine); its units may have been given, so they count
 * toward the cumulative dose (5) -- the safer reading. not-done and entered-in-error records count nowhere.
 */
function notCompletedNote(resource: Resource, status: string, date: string | undefined, product: string): DataNote {
  return {
    kind: 'unused',
    text: `${product} for migraine with status ${status}${date ? ` (${date})` : ''}: not counted as a cycle (only completed records are); its units count toward the cumulative dose`,
    evidence: refOf(resource) ? [evidenceOf(resource, product)] : [],
  };
}

function near64615(migraineProcedureDays: string[], date: string | undefined): boolean {
  return !!date && migraineProcedureDays.some((d) => Math.abs(daysBetween(d, date)) <= 1);
}

/** Adds the use; false (with a note) when it is dated after E and not used. */
function pushUse(collected: Collected, use: ToxinUse): boolean {
  const { uses, notes, evaluationDate } = collected;
  if (use.date && use.date > evaluationDate) {
    notes.push({
      kind: 'data-error',
      text: `Botulinum toxin record dated after the evaluation date (${use.date}): not used`,
      evidence: refOf(use.resource) ? [use.evidence] : [],
    });
    return false;
  }
  if (!use.date && use.role === 'cycle') {
    // Kept for the cumulative dose (as a dose of unknown date), never as a cycle or as "other" toxin use.
    notes.push({
      kind: 'unused',
      text: 'Chronic-migraine toxin treatment without a day-precise date: not counted as a cycle',
      evidence: refOf(use.resource) ? [use.evidence] : [],
    });
  }
  uses.push(use);
  return true;
}

/** A Procedure coded with a toxin product rather than a CPT code: read like an administration. */
function pushMedicationLike(
  collected: Collected,
  record: PatientRecord,
  otherIndication: boolean,
  p: Procedure,
  product: ToxinProductMatch,
  { date, through }: UseDays,
  completed: boolean,
) {
  const indication =
    product.kind === 'botox-therapeutic' ? migraineIndication(p, record, otherIndication, false) : undefined;
  const used = pushUse(collected, {
    resource: p,
    evidence: evidenceOf(p, product.product),
    date,
    ...(through ? { through } : {}),
    role: indication ? (completed ? 'cycle' : 'migraine-not-cycle') : 'other',
    indicationInferred: completed && indication === 'inferred',
    product: product.product,
    onabotulinumUnits: product.onabotulinumtoxinA ? 'unknown' : unitsIfAmbiguous(product),
    ...described(p, record, product, p.bodySite ?? []),
  });
  if (used && indication && !completed) collected.notes.push(notCompletedNote(p, p.status, date, product.product));
}

interface UseDays {
  /** The day of use, or the first day of a period (its end when it has no start). */
  date?: string;
  /** The last day of a period, when later than `date`. */
  through?: string;
  /** The period's end day as recorded (day-precise), if any. */
  end?: string;
}

/**
 * The days of a use (clinical-rules 2, "Days"): a dateTime is one day; a period marks every date from start to end
 * (only the start date when there is no end). Values less precise than a day are ignored.
 */
function useDays(dateTime: string | undefined, period: Period | undefined, siteTimeZone: string): UseDays {
  if (dateTime !== undefined || !period) return { date: fhirDay(dateTime, siteTimeZone) };
  const start = fhirDay(period.start, siteTimeZone);
  const end = fhirDay(period.end, siteTimeZone);
  const date = start ?? end;
  return {
    ...(date ? { date } : {}),
    ...(start && end && end > start ? { through: end } : {}),
    ...(end ? { end } : {}),
  };
}

function conceptOf(resource: MedicationAdministration | MedicationStatement, record: PatientRecord) {
  const resolved = medicationConcept(resource, record);
  const concept: CodeableConcept | undefined =
    resource.medicationCodeableConcept ?? (resolved.medication ? undefined : resolved.concepts[0]);
  return { concept, medication: resolved.medication };
}

function administeredUnits(a: MedicationAdministration): number | undefined {
  return unitsOfQuantity(a.dosage?.dose) ?? unitsInText(a.dosage?.text);
}

function statementUnits(s: MedicationStatement): number | undefined {
  for (const d of s.dosage ?? []) {
    for (const dr of d.doseAndRate ?? []) {
      const u = unitsOfQuantity(dr.doseQuantity);
      if (u !== undefined) return u;
    }
    const t = unitsInText(d.text);
    if (t !== undefined) return t;
  }
  return undefined;
}

/** A product that may or may not be onabotulinumtoxinA (bare "botulinum toxin") has an unknown onabotulinum dose. */
function unitsIfAmbiguous(product: ToxinProductMatch): 'unknown' | 'none' {
  return product.kind === 'ambiguous-toxin' ? 'unknown' : 'none';
}
