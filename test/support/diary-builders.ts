import type { Condition, Observation, ObservationComponent, Resource } from '@medplum/fhirtypes';
import { addDays } from '../../src/engine/dates.ts';
import { SYSTEMS } from '../../src/engine/fhir/codeable-concept.ts';
import { buildPatientRecord, type PatientRecord } from '../../src/engine/patient-record.ts';
import { loadPolicy } from '../../src/engine/policy/load-policy.ts';
import type { PolicyParameters } from '../../src/engine/policy/policy-schema.ts';
import type { EvaluationContext } from '../../src/engine/types.ts';

/**
 * Builders for headache diaries relative to an evaluation date E (clinical-rules 2.1). Offsets are days from E
 * (0 = E, -1 = the day before). Nothing here is an absolute date: E is injected, so fixtures never go stale.
 *
 * @example
 * const d = new DiaryBuilder(todayUtc());
 * const record = diaryRecord(d.months([[16, 9], [15, 8], [20, 10]]));
 * analyzeDiary(record, evaluationContext(d.e)).chronicMigraine.status; // 'met'
 */

export const PATIENT_ID = 'diary-patient';
const SNOMED = SYSTEMS.snomed;
const DIARY = SYSTEMS.diary;
const UCUM = 'http://unitsofmeasure.org';

/** Today's date in UTC as E, for tests that want a real calendar (month boundaries, leap years) without going stale. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** An evaluation context for E with a shipped policy (default `default`), optional overrides and site time zone. */
export function evaluationContext(
  evaluationDate: string,
  options: { policy?: string; siteTimeZone?: string; overrides?: Partial<PolicyParameters> } = {},
): EvaluationContext {
  const policy = { ...loadPolicy(options.policy ?? 'default').parameters, ...options.overrides };
  return { evaluationDate, siteTimeZone: options.siteTimeZone ?? 'UTC', policy };
}

/** A PatientRecord of the given resources for PATIENT_ID. */
export function diaryRecord(resources: Resource[], unavailable: PatientRecord['unavailable'] = {}): PatientRecord {
  return buildPatientRecord([{ resourceType: 'Patient', id: PATIENT_ID, birthDate: '1980-01-01' }, ...resources], {
    patientId: PATIENT_ID,
    unavailable,
  });
}

export type EntryKind = 'headache' | 'migraine' | 'free';

export interface EntryOptions {
  kind?: EntryKind;
  /** `headache-duration` component in hours. */
  hours?: number;
  /** effectivePeriod instead of effectiveDateTime: offsets and optional times (HH:MM, with `zone`, default 'Z'). */
  period?: { from: number; to?: number; startTime?: string; endTime?: string; zone?: string };
  /** Raw effectiveDateTime (for month precision, instants near midnight...); wins over the offset. */
  dateTime?: string;
  /** Time of day for the default effectiveDateTime (default date only). */
  time?: string;
  /** How a headache-free entry is written: `false` value (default) or a severity component of 0. */
  freeAs?: 'boolean' | 'severity';
  status?: Observation['status'];
  dataAbsent?: boolean;
  id?: string;
}

export interface SummaryOptions {
  issued?: string;
  status?: Observation['status'];
  id?: string;
  /** Days per acute medication class (components of `acute-medication-days`). */
  classes?: Record<string, number>;
  unit?: string;
}

export type SummaryCode = 'headache-days' | 'migraine-days' | 'acute-medication-days';

/** Builds diary Observations relative to E with unique ids. */
export class DiaryBuilder {
  private next = 0;

  /** `patientId` is the subject of every entry (default PATIENT_ID). */
  constructor(
    readonly e: string,
    readonly patientId: string = PATIENT_ID,
  ) {}

  /** E + offset as YYYY-MM-DD. */
  day(offset: number): string {
    return addDays(this.e, offset);
  }

  private id(prefix: string): string {
    this.next++;
    return `${prefix}-${this.next}`;
  }

  /** One daily entry on E + offset (a headache by default). */
  entry(offset: number, o: EntryOptions = {}): Observation {
    const kind = o.kind ?? 'headache';
    const obs: Observation = {
      resourceType: 'Observation',
      id: o.id ?? this.id('entry'),
      status: o.status ?? 'final',
      category: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] },
      ],
      subject: { reference: `Patient/${this.patientId}` },
      code: {
        coding: [
          kind === 'migraine'
            ? { system: SNOMED, code: '37796009', display: 'Migraine' }
            : { system: SNOMED, code: '25064002', display: 'Headache' },
        ],
      },
    };
    if (o.period) {
      const p = o.period;
      const z = p.zone ?? 'Z';
      const at = (off: number, t?: string) => (t ? `${this.day(off)}T${t}:00${z}` : this.day(off));
      obs.effectivePeriod = { start: at(p.from, p.startTime) };
      if (p.to !== undefined || p.endTime) obs.effectivePeriod.end = at(p.to ?? p.from, p.endTime);
    } else {
      obs.effectiveDateTime = o.dateTime ?? (o.time ? `${this.day(offset)}T${o.time}:00Z` : this.day(offset));
    }
    const components: ObservationComponent[] = [];
    if (kind === 'free' && o.freeAs === 'severity') {
      components.push({
        code: { coding: [{ system: SNOMED, code: '246112005', display: 'Severity' }] },
        valueInteger: 0,
      });
    } else if (kind === 'free') obs.valueBoolean = false;
    else if (!o.dataAbsent) obs.valueBoolean = true;
    if (o.hours !== undefined) {
      components.push({
        code: { coding: [{ system: DIARY, code: 'headache-duration' }] },
        valueQuantity: { value: o.hours, unit: 'h', system: UCUM, code: 'h' },
      });
    }
    if (components.length) obs.component = components;
    if (o.dataAbsent) {
      obs.dataAbsentReason = {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown' }],
      };
    }
    return obs;
  }

  /**
   * Every date of [E+from, E+to]: the first `headacheDays` dates (oldest first) are headaches, the first `migraineDays`
   * of them migraines, each with `hours` when given; the other dates get headache-free entries unless `recordFree` is false.
   */
  range(
    from: number,
    to: number,
    spec: { headacheDays: number; migraineDays?: number; hours?: number; recordFree?: boolean },
  ): Observation[] {
    const out: Observation[] = [];
    for (let off = from, i = 0; off <= to; off++, i++) {
      if (i < spec.headacheDays) {
        const kind: EntryKind = i < (spec.migraineDays ?? 0) ? 'migraine' : 'headache';
        out.push(this.entry(off, spec.hours === undefined ? { kind } : { kind, hours: spec.hours }));
      } else if (spec.recordFree !== false) out.push(this.entry(off, { kind: 'free' }));
    }
    return out;
  }

  /**
   * Consecutive 30-day windows ending at E + anchorOffset, NEWEST FIRST ([W1, W2, W3, ...]) as [headacheDays,
   * migraineDays?, hours?]: with anchorOffset 0 they are exactly the W1-W3 of clinical-rules 2.1.
   */
  months(counts: [headacheDays: number, migraineDays?: number, hours?: number][], anchorOffset = 0): Observation[] {
    return counts.flatMap(([h, m, hours], i) => {
      const to = anchorOffset - 30 * i;
      return this.range(to - 29, to, {
        headacheDays: h,
        migraineDays: m ?? 0,
        ...(hours === undefined ? {} : { hours }),
      });
    });
  }

  /** One monthly summary over [E+from, E+to]. */
  summary(code: SummaryCode, from: number, to: number, value: number, o: SummaryOptions = {}): Observation {
    const obs: Observation = {
      resourceType: 'Observation',
      id: o.id ?? this.id(code),
      status: o.status ?? 'final',
      subject: { reference: `Patient/${this.patientId}` },
      code: { coding: [{ system: DIARY, code }] },
      effectivePeriod: { start: this.day(from), end: this.day(to) },
      issued: o.issued ?? `${this.day(to + 1 > 0 ? to : to + 1)}T12:00:00Z`,
      valueQuantity: { value, unit: o.unit ?? 'd', system: UCUM, code: o.unit ?? 'd' },
    };
    if (o.classes) {
      obs.component = Object.entries(o.classes).map(([cls, n]) => ({
        code: { coding: [{ system: DIARY, code: cls }] },
        valueQuantity: { value: n, unit: 'd', system: UCUM, code: 'd' },
      }));
    }
    return obs;
  }

  /**
   * Consecutive summaries of one code, NEWEST FIRST, each `length` days (default 30), the newest ending at
   * E + endOffset; `classes` per summary (same order) for acute-medication-days.
   */
  summaries(
    code: SummaryCode,
    values: number[],
    o: { length?: number; endOffset?: number; classes?: Record<string, number>[] } = {},
  ): Observation[] {
    const length = o.length ?? 30;
    return values.map((v, i) => {
      const to = (o.endOffset ?? 0) - length * i;
      const classes = o.classes?.[i];
      return this.summary(code, to - length + 1, to, v, classes ? { classes } : {});
    });
  }

  /**
   * A daily acute-medication record on E + offset (clinical-rules 2.1, 3.0): the value names the class (a code of
   * the headache-diary system) or the drug (text, or an RxNorm code with `rxnorm`).
   */
  acuteTaken(offset: number, value: string, o: { rxnorm?: string; id?: string } = {}): Observation {
    const classCode = /^[a-z-]+$/.test(value);
    return {
      resourceType: 'Observation',
      id: o.id ?? this.id('acute'),
      status: 'final',
      subject: { reference: `Patient/${this.patientId}` },
      code: { coding: [{ system: DIARY, code: 'acute-medication-taken' }] },
      effectiveDateTime: this.day(offset),
      valueCodeableConcept: o.rxnorm
        ? { coding: [{ system: SYSTEMS.rxnorm, code: o.rxnorm }], text: value }
        : classCode
          ? { coding: [{ system: DIARY, code: value }] }
          : { text: value },
    };
  }

  /** A MIDAS or HIT-6 score on E + offset. */
  score(code: 'midas-score' | 'hit6-score', offset: number, value: number): Observation {
    return {
      resourceType: 'Observation',
      id: this.id(code),
      status: 'final',
      subject: { reference: `Patient/${this.patientId}` },
      code: { coding: [{ system: DIARY, code }] },
      effectiveDateTime: this.day(offset),
      valueInteger: value,
    };
  }

  /** A chronic-migraine Condition (ICD-10-CM G43.709) recorded on E + offset. */
  chronicMigraineCondition(
    offset: number,
    o: { verification?: string; code?: string; display?: string } = {},
  ): Condition {
    const c: Condition = {
      resourceType: 'Condition',
      id: this.id('condition'),
      subject: { reference: `Patient/${this.patientId}` },
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
      },
      code: {
        coding: [
          { system: SYSTEMS.icd10cm, code: o.code ?? 'G43.709', display: o.display ?? 'Chronic migraine without aura' },
        ],
      },
      recordedDate: this.day(offset),
    };
    if (o.verification) {
      c.verificationStatus = {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: o.verification }],
      };
    }
    return c;
  }
}

/**
 * The notes about the diary entries themselves: without "medication overuse not assessed" (every record without
 * acute-medication data has it, clinical-rules 2.1) and the completeness notes of logged days.
 */
export function diaryNotes<T extends { kind: string }>(notes: T[]): T[] {
  return notes.filter((n) => n.kind !== 'not-assessed' && n.kind !== 'completeness');
}
