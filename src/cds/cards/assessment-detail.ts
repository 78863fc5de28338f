import type { Assessment } from '../../engine/assessment.ts';
import type { PolicyParameters } from '../../engine/policy/policy-schema.ts';
import type { CriterionStatus, FindingResult } from '../../engine/types.ts';
import { label } from './card-texts.ts';

const STATUS_MARK: Record<CriterionStatus, string> = { met: '✅ met', unmet: '❌ not met', unknown: '❔ unknown' };

/**
 * Card detail is GitHub-flavoured Markdown, and EHRs (the sandbox among them) render its raw HTML. Record text (a
 * condition's display, a medication name) must not become markup: a `<` that could open a tag is written as `&lt;`.
 */
export function neutraliseHtml(markdown: string): string {
  if (!markdown.includes('<')) return markdown;
  return markdown.replace(/<(?=[A-Za-z/!?])/g, '&lt;');
}

/** Table cells: no pipes or newlines from data may break the Markdown table. */
export function cell(text: string): string {
  // Every match of either pattern holds a pipe or a newline.
  if (!text.includes('|') && !text.includes('\n')) return text;
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

export function evidenceCell(refs: string[]): string {
  if (!refs.length) return '';
  const shown = refs.slice(0, 4).join(', ');
  return refs.length > 4 ? `${shown} +${refs.length - 4}` : shown;
}

export function criteriaTable(assessment: Assessment, p: PolicyParameters): string {
  const rows = assessment.criteria.map(
    (c) =>
      `| ${cell(label('criteria', c.id, p))} | ${c.basis.map((b) => label('basis', b)).join(', ')} | ${STATUS_MARK[c.status]} | ${cell(c.summary)} | ${cell(evidenceCell(c.evidence))} |`,
  );
  // While on treatment the starting criteria are judged before the first cycle (clinical-criteria 3, 11.12).
  const before = assessment.criteria.find((c) => c.judgedBefore)?.judgedBefore;
  return [
    ...(before ? [`**Before the first cycle (${before}):**`, ''] : []),
    '| Criterion | Basis | Result | What the record shows | Evidence |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function findingsTable(findings: FindingResult[]): string {
  if (!findings.length) return '**Contraindications and cautions:** none found in the data checked.';
  const severity = (f: FindingResult) =>
    f.severity === 'contraindication'
      ? '⛔ contraindication'
      : f.blocking
        ? '⚠️ caution (blocks under this policy)'
        : '⚠️ caution';
  const rows = findings.map(
    (f) =>
      `| ${cell(label('findings', f.id))} | ${severity(f)} | ${cell(f.summary)} | ${cell(evidenceCell(f.evidence))} |`,
  );
  return ['| Finding | Severity | Details | Evidence |', '|---|---|---|---|', ...rows].join('\n');
}

/**
 * How many cycles had their indication inferred (clinical-criteria 2.3: BOTOX with no reason, no 64615 and no active
 * Condition for another toxin indication, "marked 'indication inferred'"): in the current course (its cycles are the
 * last `treatment.cycles` of `assessment.cycles`) and on record (what "previously treated" counts).
 */
export function inferredCycles(assessment: Assessment): { inCourse: number; onRecord: number } {
  const count = (cycles: Assessment['cycles']) => cycles.filter((c) => c.indicationInferred).length;
  const t = assessment.treatment;
  return { inCourse: t ? count(assessment.cycles.slice(-t.cycles)) : 0, onRecord: count(assessment.cycles) };
}

/** "indication inferred" (every cycle) or "indication inferred for n"; undefined when none was inferred. */
export function inferredMark(inferred: number, cycles: number): string | undefined {
  if (!inferred) return undefined;
  return inferred >= cycles ? 'indication inferred' : `indication inferred for ${inferred}`;
}

export function treatmentSection(assessment: Assessment): string | undefined {
  const t = assessment.treatment;
  const inferred = inferredCycles(assessment);
  if (t) {
    const due = t.overdue
      ? `overdue (eligible since ${t.nextEligible})`
      : t.due
        ? `due (eligible since ${t.nextEligible})`
        : `next eligible ${t.nextEligible}`;
    const mark = inferredMark(inferred.inCourse, t.cycles);
    const lines = [
      `**Treatment course:** ${t.cycles} cycle${t.cycles === 1 ? '' : 's'}${mark ? ` (${mark})` : ''} since ${t.firstCycle}, last ${t.lastCycle}; ${due}.`,
      `**Response:** ${label('verdicts', t.response.verdict)}. ${t.response.summary}`,
    ];
    if (t.stopAdvice) lines.push(`**${t.stopAdvice}.**`);
    return lines.join('\n\n');
  }
  if (assessment.previouslyTreated) {
    const { cycles, last } = assessment.previouslyTreated;
    const mark = inferredMark(inferred.onRecord, cycles);
    return `**Previously treated:** ${cycles} cycle${cycles === 1 ? '' : 's'}${mark ? ` (${mark})` : ''}, last ${last}; assessed as a new candidate.`;
  }
  return undefined;
}

/** What to document next: every `missing` item of the criteria not met. */
export function missingList(assessment: Assessment): string | undefined {
  const items = assessment.criteria.filter((c) => c.status !== 'met').flatMap((c) => c.missing ?? []);
  if (!items.length) return undefined;
  return ['**To document next:**', ...[...new Set(items)].map((i) => `- ${i}`)].join('\n');
}

export function notesList(assessment: Assessment): string | undefined {
  if (!assessment.notes.length) return undefined;
  const shown = assessment.notes.slice(0, 8).map((n) => `- ${n.text}`);
  if (assessment.notes.length > 8) shown.push(`- and ${assessment.notes.length - 8} more`);
  return ['**Data notes:**', ...shown].join('\n');
}

/** The card detail: criteria, findings, treatment, what to document, data notes, and the rule source. */
export function assessmentDetail(assessment: Assessment, p: PolicyParameters, lead?: string): string {
  return [
    lead,
    criteriaTable(assessment, p),
    findingsTable(assessment.findings),
    treatmentSection(assessment),
    missingList(assessment),
    notesList(assessment),
    `_Policy ${assessment.policy.id} ${assessment.policy.version} (${assessment.policy.title}); evaluated ${assessment.evaluationDate}. Basis: BOTOX prescribing information, ICHD-3, payer coverage practice._`,
  ]
    .filter((s): s is string => !!s)
    .join('\n\n');
}
