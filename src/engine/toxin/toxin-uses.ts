import type {
  CodeableConcept,
  MedicationAdministration,
  MedicationStatement,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';
import { daysBetween, fhirDay } from '../dates.ts';
import { conditionCounts } from '../fhir/condition-status.ts';
import { refOf } from '../fhir/reference.ts';
import { medicationConcept } from '../medications/medication-concept.ts';
import { classifyReason } from '../medications/medication-reason.ts';
import type { PatientRecord } from '../patient-record.ts';
import { matchValueSet } from '../terminology/value-set-match.ts';
import { valueSet } from '../terminology/value-sets.ts';
import type { DataNote } from '../types.ts';
import { chemodenervationProcedure, classifyToxinProduct, type ToxinProductMatch } from './toxin-product.ts';
import { unitsInText, unitsOfQuantity } from './toxin-units.ts';

/** One dated (or undated) botulinum toxin record, sorted into a chronic-migraine cycle record or another use. */
export interface ToxinUse {
  resource: Resource;
  evidence: string;
  /** Day of use; undefined when the record carries no day-precise date. */
  date?: string;
  /** For an undated statement: it was asserted on this day, so the use was on or before it. */
  latestPossible?: string;
  role: 'cycle' | 'other';
  /** The cycle's indication was inferred (BOTOX given with no reason, no 64615, no other toxin indication). */
  indicationInferred: boolean;
  product: string;
  /** Units of onabotulinumtoxinA: a number, `unknown`, or `none` (another product). */
  onabotulinumUnits: number | 'unknown' | 'none';
  /** 64615 or other chemodenervation Procedure (product not stated on it). */
  procedure?: 'chronic-migraine' | 'other-chemodenervation';
}

const ADMIN_EXCLUDED = new Set(['not-done', 'entered-in-error']);
const PROCEDURE_EXCLUDED = new Set(['preparation', 'not-done', 'entered-in-error']);
const STATEMENT_EXCLUDED = new Set(['entered-in-error', 'intended', 'not-taken']);

function evidenceOf(resource: Resource, label: string): string {
  return refOf(resource) ?? `${resource.resourceType} (${label})`;
}

/**
 * Collects every botulinum toxin record of the patient (clinical-criteria 2.3): 64615 Procedures and qualifying
 * BOTOX administrations become cycle records; everything else toxin is other use. Records dated after E and records
 * without a day-precise date that would be cycles are listed in `notes` and not used.
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
        const date = procedureDate(p, siteTimeZone);
        pushMedicationLike(collected, record, otherIndication, p, product, date, p.status === 'completed');
      }
      continue;
    }
    const date = procedureDate(p, siteTimeZone);
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
        role: 'other',
        indicationInferred: false,
        product: `chemodenervation (CPT ${entry.code}: ${entry.display})`,
        onabotulinumUnits: 'unknown',
        procedure: 'other-chemodenervation',
      });
    }
  }

  for (const a of record.medicationAdministrations) {
    if (ADMIN_EXCLUDED.has(a.status)) continue;
    const { concept, medication } = conceptOf(a, record);
    const product = classifyToxinProduct(concept, medication);
    if (!product) continue;
    const date = fhirDay(a.effectiveDateTime ?? a.effectivePeriod?.start, siteTimeZone);
    const units = product.onabotulinumtoxinA ? (administeredUnits(a) ?? 'unknown') : unitsIfAmbiguous(product);
    if (product.kind === 'botox-therapeutic' && a.status === 'completed') {
      const reason = classifyReason(a, record);
      const isMigraine = reason.kind === 'migraine' || near64615(migraineProcedureDays, date);
      const noReason = reason.kind === 'none' || reason.kind === 'neutral';
      if (isMigraine || (noReason && !otherIndication)) {
        pushUse(collected, {
          resource: a,
          evidence: evidenceOf(a, product.product),
          date,
          role: 'cycle',
          indicationInferred: !isMigraine,
          product: product.product,
          onabotulinumUnits: units,
        });
        continue;
      }
    }
    pushUse(collected, {
      resource: a,
      evidence: evidenceOf(a, product.product),
      date,
      role: 'other',
      indicationInferred: false,
      product: product.product,
      onabotulinumUnits: product.onabotulinumtoxinA ? units : unitsIfAmbiguous(product),
    });
  }

  for (const s of record.medicationStatements) {
    if (STATEMENT_EXCLUDED.has(s.status)) continue;
    const { concept, medication } = conceptOf(s, record);
    const product = classifyToxinProduct(concept, medication);
    if (!product) continue;
    const date = fhirDay(s.effectiveDateTime ?? s.effectivePeriod?.start, siteTimeZone);
    const evidence = evidenceOf(s, product.product);
    if (product.kind === 'botox-therapeutic' && classifyReason(s, record).kind === 'migraine') {
      // A patient-reported treatment is not an administration record: cycles come from Procedures and administrations.
      notes.push({
        kind: 'unused',
        text: `BOTOX for migraine reported by statement${date ? ` (${date})` : ''}: not counted as a cycle; record the administration`,
        evidence: refOf(s) ? [evidence] : [],
      });
      continue;
    }
    const units = product.onabotulinumtoxinA ? (statementUnits(s) ?? 'unknown') : unitsIfAmbiguous(product);
    const latestPossible = date ? undefined : fhirDay(s.dateAsserted, siteTimeZone);
    pushUse(collected, {
      resource: s,
      evidence,
      date,
      ...(latestPossible ? { latestPossible } : {}),
      role: 'other',
      indicationInferred: false,
      product: product.product,
      onabotulinumUnits: units,
    });
  }

  return { uses, notes };
}

/** What collectToxinUses gathers, and the evaluation date its records are checked against. */
interface Collected {
  uses: ToxinUse[];
  notes: DataNote[];
  evaluationDate: string;
}

function near64615(migraineProcedureDays: string[], date: string | undefined): boolean {
  return !!date && migraineProcedureDays.some((d) => Math.abs(daysBetween(d, date)) <= 1);
}

function pushUse(collected: Collected, use: ToxinUse) {
  const { uses, notes, evaluationDate } = collected;
  if (use.date && use.date > evaluationDate) {
    notes.push({
      kind: 'data-error',
      text: `Botulinum toxin record dated after the evaluation date (${use.date}): not used`,
      evidence: refOf(use.resource) ? [use.evidence] : [],
    });
    return;
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
}

/** A Procedure coded with a toxin product rather than a CPT code: read like an administration. */
function pushMedicationLike(
  collected: Collected,
  record: PatientRecord,
  otherIndication: boolean,
  p: Procedure,
  product: ToxinProductMatch,
  date: string | undefined,
  completed: boolean,
) {
  const reason = classifyReason(p, record);
  const isCycle =
    product.kind === 'botox-therapeutic' &&
    completed &&
    (reason.kind === 'migraine' || ((reason.kind === 'none' || reason.kind === 'neutral') && !otherIndication));
  pushUse(collected, {
    resource: p,
    evidence: evidenceOf(p, product.product),
    date,
    role: isCycle ? 'cycle' : 'other',
    indicationInferred: isCycle && reason.kind !== 'migraine',
    product: product.product,
    onabotulinumUnits: product.onabotulinumtoxinA ? 'unknown' : unitsIfAmbiguous(product),
  });
}

function procedureDate(p: Procedure, siteTimeZone: string): string | undefined {
  return fhirDay(p.performedDateTime ?? p.performedPeriod?.start, siteTimeZone);
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
