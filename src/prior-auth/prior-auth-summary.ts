import { label } from '../cds/cards/card-texts.ts';
import type { Assessment } from '../engine/assessment.ts';
import { daysBetween } from '../engine/dates.ts';
import type { DiaryWindow } from '../engine/diary/analyze-diary.ts';
import type { PreventiveTrial } from '../engine/medications/preventive-trials.ts';
import type { Policy } from '../engine/policy/policy-schema.ts';
import type { CriterionResult } from '../engine/types.ts';
import { type PriorAuthKind, priorAuthKind } from './prior-auth-offer.ts';

/** One line of the summary and the resources it rests on (`Type/id`, clinical-rules 11, item 19). */
export interface SummaryLine {
  text: string;
  evidence: string[];
}

export interface SummarySection {
  heading: string;
  lines: SummaryLine[];
}

/**
 * The prior-authorization summary (clinical-rules 9), built from the card's assessment only: what the text, HTML,
 * DocumentReference and printable page all render. Holds no name, birth date or member id (the renderers add them,
 * or blank lines for them).
 */
export interface PriorAuthSummary {
  kind: PriorAuthKind;
  title: string;
  /** "Initial request" or "Continuation request". */
  request: string;
  evaluationDate: string;
  /** The instant of the assessment (ISO 8601). */
  assessedAt: string;
  policy: { id: string; version: string; title: string; description: string };
  sections: SummarySection[];
  /** Unmet and unknown items, printed as such (clinical-rules 9). */
  notYetDocumented: SummaryLine[];
}

const TITLE = 'Prior authorization summary: onabotulinumtoxinA (BOTOX) for chronic migraine';

const OUTCOME_TEXT: Record<PreventiveTrial['outcome'], string> = {
  'inadequate-response': 'inadequate response',
  intolerance: 'not tolerated',
  contraindicated: 'contraindicated',
  ongoing: 'still taking',
  unknown: 'outcome not recorded',
};

/** Criteria whose table is judged on today's diary (the baseline replaces them while on treatment). */
const DIARY_CRITERIA = new Set(['chronic-migraine', 'migraine-days', 'headache-duration']);

/** A number as a payer reads it: whole numbers as they are, means with one decimal (clinical-rules 11, item 13). */
export function oneDecimal(n: number): string {
  return (Math.round(n * 10) / 10).toFixed(1);
}

/** r shown rounded half up to a whole percent (clinical-rules 11, item 13). */
export function wholePercent(n: number): string {
  return `${Math.floor(n + 0.5)}%`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function classText(cls: string): string {
  return cls.replace(/^cgrp/i, 'CGRP').replace(/-/g, ' ');
}

/** A field another part of the engine may add (read defensively: it may not exist yet). */
function numberField(o: object, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = (o as Record<string, unknown>)[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

function line(text: string, evidence: string[] = []): SummaryLine {
  return { text, evidence: [...new Set(evidence)] };
}

const STATUS_TEXT = { met: 'met', unmet: 'not met', unknown: 'not documented' } as const;

function criterionLine(c: CriterionResult, p: Policy['parameters']): SummaryLine {
  return line(`${label('criteria', c.id, p)}: ${STATUS_TEXT[c.status]}. ${c.summary}`, c.evidence);
}

function diagnosisLines(a: Assessment): SummaryLine[] {
  const d = a.diagnosis;
  if (!d) return [];
  const system = /icd-10-cm/.test(d.system) ? 'ICD-10-CM' : /snomed/.test(d.system) ? 'SNOMED CT' : d.system;
  const when = d.date ? `, ${d.dateKind === 'onset' ? 'onset' : 'recorded'} ${d.date}` : ', date not recorded';
  return [line(`Chronic migraine: ${system} ${d.code} ${d.display}${when}`, d.evidence)];
}

/** "W1 2026-11-05 to 2026-12-04: 18 headache days, 9 migraine days (28 of 30 days logged)", newest first. */
export function windowLines(windows: DiaryWindow[]): SummaryLine[] {
  const headache = windows.filter((w) => w.measure === 'headache-days');
  const migraine = windows.filter((w) => w.measure === 'migraine-days');
  const paired = new Set<DiaryWindow>();
  const lines = headache.map((h, i) => {
    const m = migraine.find((x) => x.start === h.start && x.end === h.end);
    if (m) paired.add(m);
    return windowLine(`W${i + 1}`, h, m);
  });
  const unpaired = migraine.filter((m) => !paired.has(m));
  unpaired.forEach((m, i) => {
    lines.push(windowLine(`W${i + 1}`, undefined, m));
  });
  return lines;
}

function windowLine(name: string, h: DiaryWindow | undefined, m: DiaryWindow | undefined): SummaryLine {
  const w = (h ?? m)!;
  const parts: string[] = [];
  if (h) parts.push(`${h.days} headache days`);
  if (m) parts.push(`${m.days} migraine days`);
  const logged = numberField(w, 'logged', 'loggedDays');
  const length = w.source === 'daily' ? daysBetween(w.start, w.end) + 1 : undefined;
  const source = w.source === 'daily' ? 'daily diary' : 'monthly summary';
  const extras = [source];
  if (logged !== undefined) extras.push(`${logged}${length ? ` of ${length}` : ''} days logged`);
  if (!w.covered) extras.push('partly recorded');
  return line(`${name} ${w.start} to ${w.end}: ${parts.join(', ')} (${extras.join('; ')})`, [
    ...(h?.evidence ?? []),
    ...(m?.evidence ?? []),
  ]);
}

function trialLine(t: PreventiveTrial): SummaryLine {
  const dates =
    t.start && t.end
      ? `${t.start} to ${t.end}${t.lengthDays !== undefined ? ` (${t.lengthDays} days)` : ''}`
      : t.start
        ? `from ${t.start}${t.lengthDays !== undefined ? ` (${t.lengthDays} days)` : ''}`
        : 'dates not recorded';
  const verdict = t.failed
    ? t.inferred
      ? 'counted as failed (inferred from continued use while chronic: confirm with the patient)'
      : 'counted as failed'
    : 'not counted as failed';
  return line(
    `${capitalise(t.ingredient)} (${classText(t.class)}): ${dates}; outcome: ${OUTCOME_TEXT[t.outcome]}; ${verdict}`,
    t.evidence,
  );
}

/** How medication overuse was assessed (clinical-rules 2.1, 11.5), when the assessment says so. */
function overuseMethod(a: Assessment): string | undefined {
  const m = (a as unknown as { medicationOveruse?: { assessedBy?: string; windowsWithRecords?: number } })
    .medicationOveruse;
  if (m?.assessedBy === 'daily-records') return 'daily acute-medication records in each of the 3 windows';
  if (m?.assessedBy === 'summaries') return 'monthly acute-medication-days summaries';
  return undefined;
}

function overuseLines(a: Assessment): SummaryLine[] {
  const f = a.findings.find((x) => x.id === 'medication-overuse');
  const method = overuseMethod(a);
  const how = method ? ` (assessed from ${method})` : '';
  if (f) {
    return [line(`${f.summary}${f.blocking ? ' - must be managed first under this policy' : ''}${how}`, f.evidence)];
  }
  const note = a.notes.find((n) => /medication overuse|acute-medication/i.test(n.text));
  if (note && !method) return [line(capitalise(note.text), note.evidence ?? [])];
  return [line(`No medication overuse found in the data checked${how}`)];
}

function findingLines(a: Assessment): SummaryLine[] {
  const shown = a.findings.filter((f) => f.id !== 'medication-overuse');
  const lines = shown.map((f) =>
    line(
      `${label('findings', f.id)} (${f.severity}${f.blocking ? ', blocks under this policy' : ''}): ${f.summary}`,
      f.evidence,
    ),
  );
  if (!shown.some((f) => f.severity === 'contraindication')) {
    lines.unshift(
      line('No contraindication found: no botulinum toxin hypersensitivity, no infection at the injection sites'),
    );
  }
  if (!shown.some((f) => f.severity === 'caution')) lines.push(line('No caution found in the data checked'));
  for (const n of a.notes.filter((x) => x.kind === 'unavailable')) lines.push(line(`Not checked: ${n.text}`));
  return lines;
}

function planLine(p: Policy['parameters'], continuation: boolean): SummaryLine {
  const sites = Math.round(p.labelDoseUnits / 5);
  return line(
    `${continuation ? 'Continue' : 'Start'} onabotulinumtoxinA (BOTOX) ${p.labelDoseUnits} Units IM, 5 Units at each of ${sites} sites (PREEMPT), every 12 weeks (not more often than every ${p.minIntervalDays} days); CPT 64615, HCPCS J0585`,
  );
}

/** The criteria printed for the request: today's table, or while on treatment the baseline's (never today's diary). */
function requestCriteria(a: Assessment): CriterionResult[] {
  if (a.status !== 'on-treatment') return a.criteria;
  // Diary 3.0: while on treatment the diary criteria are judged before the first cycle and carry `judgedBefore`.
  const judgedAtBaseline = a.criteria.some(
    (c) => DIARY_CRITERIA.has(c.id) && typeof (c as { judgedBefore?: unknown }).judgedBefore === 'string',
  );
  if (judgedAtBaseline) return a.criteria;
  // Until then, today's (improved) diary must not be printed as the starting criteria: age and preventive failures
  // (judged at E) only; the baseline diary is in the response lines.
  return a.criteria.filter((c) => !DIARY_CRITERIA.has(c.id));
}

/** The windows before the first cycle the starting criteria rest on (diary 3.0), when the assessment has them. */
function baselineWindowLines(a: Assessment): SummaryLine[] {
  const w = (a.treatment as { baselineWindows?: DiaryWindow[] } | undefined)?.baselineWindows;
  return Array.isArray(w) ? windowLines(w) : [];
}

function courseLines(a: Assessment): SummaryLine[] {
  const t = a.treatment!;
  const course = a.cycles.slice(-t.cycles);
  const lines = course.map((c, i) =>
    line(
      `Cycle ${i + 1}: ${c.date}${c.lastRecordDate !== c.date ? ` to ${c.lastRecordDate}` : ''}, ${
        c.units !== undefined ? `${c.units} Units` : 'dose not recorded'
      }${c.indicationInferred ? ' (indication inferred: BOTOX with no recorded reason)' : ''}`,
      c.evidence,
    ),
  );
  const due = t.overdue
    ? `overdue (eligible since ${t.nextEligible})`
    : t.due
      ? `due now (eligible since ${t.nextEligible})`
      : `next eligible ${t.nextEligible}`;
  lines.push(line(`${t.cycles} cycle${t.cycles === 1 ? '' : 's'} since ${t.firstCycle}, last ${t.lastCycle}; ${due}`));
  return lines;
}

function responseLines(a: Assessment, p: Policy['parameters']): SummaryLine[] {
  const r = a.treatment!.response;
  const numbers: string[] = [];
  if (r.baselineDays !== undefined) numbers.push(`${oneDecimal(r.baselineDays)} before the first cycle`);
  if (r.recentDays !== undefined) numbers.push(`${oneDecimal(r.recentDays)} since cycle ${p.cyclesBeforeReview}`);
  const change =
    r.reductionPercent === undefined
      ? ''
      : r.reductionPercent >= 0
        ? ` (-${wholePercent(r.reductionPercent)})`
        : ` (+${wholePercent(-r.reductionPercent)})`;
  const lines: SummaryLine[] = [
    line(
      `Verdict: ${label('verdicts', r.verdict)}${numbers.length ? `; headache days per 30 days ${numbers.join(', ')}${change}` : ''}`,
      r.evidence,
    ),
  ];
  lines.push(...proLines(r));
  lines.push(line(`How it was measured: ${r.summary}`));
  lines.push(
    line(
      `Policy: responding at >= ${p.respondingPercent}% fewer headache days${
        // Read defensively: the parameter comes with clinical-rules 3.0 (PROs decide only when the policy says so).
        (p as { proResponseCounts?: boolean }).proResponseCounts === true ? ' or a MIDAS/HIT-6 response' : ''
      }; not responding below ${p.nonRespondingPercent}% after ${p.cyclesBeforeReview} cycles`,
    ),
  );
  const stop = a.treatment!.stopAdvice;
  if (stop) lines.push(line(stop));
  return lines;
}

/**
 * The assessment fields the diary 3.0 rules add (clinical-rules 3 "On treatment", 11.5-11.12), read defensively:
 * a summary built before they exist prints without them, never wrongly.
 */
interface DiaryFields {
  pro?: { measure: string; text: string; response: boolean; evidence: string[]; followUp?: { date?: string } }[];
  decidedBy?: string;
  measure?: string;
}

/** MIDAS/HIT-6 baseline vs follow-up, when the assessment carries them (the deciding measure says so). */
function proLines(r: NonNullable<Assessment['treatment']>['response']): SummaryLine[] {
  const f = r as unknown as DiaryFields;
  if (Array.isArray(f.pro) && f.pro.length) {
    return f.pro
      .filter((x) => typeof x?.text === 'string')
      .map((x) =>
        line(
          `Patient-reported outcome: ${x.text}${x.followUp?.date ? ` (${x.followUp.date})` : ''}${
            x.response ? ': a clinically meaningful improvement' : ': no clinically meaningful improvement'
          }${f.decidedBy === x.measure ? '; this measure decided the verdict' : ''}`,
          Array.isArray(x.evidence) ? x.evidence : [],
        ),
      );
  }
  return [];
}

function notYetDocumented(a: Assessment, criteria: CriterionResult[], p: Policy['parameters']): SummaryLine[] {
  const items: SummaryLine[] = [];
  if (!a.diagnosis) items.push(line('A chronic-migraine diagnosis on the chart (ICD-10-CM G43.7-, confirmed)'));
  for (const c of criteria.filter((x) => x.status !== 'met')) {
    const prefix = c.status === 'unmet' ? 'Not met' : 'Unknown';
    const missing = c.missing?.length ? ` To document: ${c.missing.join('; ')}.` : '';
    items.push(line(`${prefix}: ${label('criteria', c.id, p)}. ${c.summary}.${missing}`, c.evidence));
  }
  for (const f of a.findings.filter((x) => x.blocking)) {
    items.push(line(`Blocks under this policy: ${label('findings', f.id)}. ${f.summary}`, f.evidence));
  }
  for (const n of a.notes.filter((x) => x.kind === 'unavailable')) items.push(line(`Not checked: ${n.text}`));
  const r = a.treatment?.response;
  if (r && (r.verdict === 'no-data' || r.verdict === 'too-early')) {
    items.push(line(`Response: ${label('verdicts', r.verdict)}. ${r.summary}`, r.evidence));
  }
  return items;
}

/**
 * The summary for the card's assessment, or undefined when none is offered (clinical-rules 11, item 18).
 * Initial request: the criteria, diagnosis, diary windows, trials, medication overuse, findings and the plan.
 * Continuation: the same on the baseline, the cycles with dates and doses, today's windows, the response, the verdict.
 */
export function buildPriorAuthSummary(
  assessment: Assessment,
  policy: Policy,
  assessedAt: string,
): PriorAuthSummary | undefined {
  const kind = priorAuthKind(assessment);
  if (!kind) return undefined;
  const p = policy.parameters;
  const a = assessment;
  const continuation = kind === 'continuation';
  const criteria = requestCriteria(a);
  const byId = (id: string) => criteria.filter((c) => c.id === id).map((c) => criterionLine(c, p));

  const sections: SummarySection[] = [
    { heading: 'Request', lines: [planLine(p, continuation)] },
    { heading: 'Diagnosis', lines: diagnosisLines(a) },
  ];
  const diaryCriteria = [...byId('chronic-migraine'), ...byId('migraine-days'), ...byId('headache-duration')];
  if (continuation) {
    sections.push({ heading: 'Botox cycles (this course)', lines: courseLines(a) });
    sections.push({ heading: 'Response to treatment', lines: responseLines(a, p) });
    sections.push({ heading: 'Before the first cycle', lines: [...baselineWindowLines(a), ...diaryCriteria] });
    sections.push({ heading: 'Headache diary today (last 3 windows)', lines: windowLines(a.diaryWindows) });
  } else {
    sections.push({
      heading: 'Headache diary (last 3 months)',
      lines: [...windowLines(a.diaryWindows), ...diaryCriteria],
    });
  }
  sections.push({
    heading: 'Preventive treatment tried',
    lines: [
      ...a.trials.map(trialLine),
      ...(a.trials.length ? [] : [line('No preventive trial recorded')]),
      ...byId('preventive-failures'),
    ],
  });
  sections.push({ heading: 'Medication overuse', lines: overuseLines(a) });
  sections.push({ heading: 'Contraindications and cautions checked', lines: findingLines(a) });
  sections.push({ heading: 'Other criteria', lines: byId('age') });

  return {
    kind,
    title: TITLE,
    request: continuation ? 'Continuation request' : 'Initial request',
    evaluationDate: a.evaluationDate,
    assessedAt,
    policy: { ...a.policy, description: policy.description },
    sections: sections.filter((s) => s.lines.length),
    notYetDocumented: notYetDocumented(a, criteria, p),
  };
}
