import type { Assessment } from '../../engine/assessment.ts';
import type { PolicyParameters } from '../../engine/policy/policy-schema.ts';
import type { CriterionResult, FindingResult } from '../../engine/types.ts';
import { CARD_TEXTS, cardText, cautionRank, label } from './card-texts.ts';
import { evidenceText, recordText } from './markdown-text.ts';
import { midSentence } from './mid-sentence.ts';

/**
 * The card detail (clinical-rules 8), GitHub-flavoured Markdown in this order: contraindications and cautions with
 * what was recorded; the boxed-warning line (candidate and order cards, and an on-treatment card whose next cycle is
 * due); the criteria table; the course and the response; what to document next; data notes; the policy line.
 * Markers are words (no emoji: they render as empty boxes without an emoji font). Every piece of record text goes
 * through `recordText`, so it reads as text and never acts as Markdown or HTML.
 */
export function assessmentDetail(
  assessment: Assessment,
  p: PolicyParameters,
  options: { orderChecks?: string; boxedWarning?: boolean } = {},
): string {
  return [
    findingsSection(assessment.findings),
    options.orderChecks,
    options.boxedWarning ? CARD_TEXTS.boxedWarning : undefined,
    criteriaTable(assessment, p),
    treatmentSection(assessment),
    missingList(assessment),
    notesList(assessment),
    policyLine(assessment),
  ]
    .filter((s): s is string => !!s)
    .join('\n\n');
}

/** Contraindications first, then cautions by the ranking of clinical-rules 11.17. */
export function rankedFindings(findings: FindingResult[]): FindingResult[] {
  const severity = (f: FindingResult) => (f.severity === 'contraindication' ? 0 : 1);
  return [...findings].sort((a, b) => severity(a) - severity(b) || cautionRank(a.id) - cautionRank(b.id));
}

/** Each contraindication and caution as one line: what it is, what the record says, and the evidence. */
export function findingsSection(findings: FindingResult[]): string {
  if (!findings.length) return '**Contraindications and cautions:** none found in the data checked.';
  return rankedFindings(findings)
    .map((f) => {
      const kind = f.severity === 'contraindication' ? 'contraindication' : f.blocking ? 'blocking' : 'caution';
      const refs = evidenceText(f.evidence);
      return `- **${cardText('severities', kind)}: ${midSentence(label('findings', f.id))}.** ${recordText(f.summary)}${refs ? ` _(${refs})_` : ''}`;
    })
    .join('\n');
}

function resultWords(c: CriterionResult): string {
  const words = cardText('results', c.status);
  if (c.status === 'met') return words;
  // Which kind of rule is unmet or unknown (clinical-rules 1: label, ICHD-3 or coverage practice).
  const basis = c.basis.map((b) => label('basis', b)).join(', ');
  return c.status === 'unmet' ? `**${words}** (${basis})` : `${words} (${basis})`;
}

/**
 * The criteria table (criterion, result, what the record shows), then the evidence of each row, at most three
 * references each: below the table, so the rows stay short enough to scan in a narrow panel.
 */
export function criteriaTable(assessment: Assessment, p: PolicyParameters): string {
  // Not met first, then unknown, then met: the row that decides is read first in a narrow panel (stable otherwise).
  const order = { unmet: 0, unknown: 1, met: 2 } as const;
  const criteria = [...assessment.criteria].sort((a, b) => order[a.status] - order[b.status]);
  const rows = criteria.map((c) => `| ${label('criteria', c.id, p)} | ${resultWords(c)} | ${recordText(c.summary)} |`);
  const evidence = criteria
    .filter((c) => c.evidence.length)
    .map((c) => `${cardText('evidenceNames', c.id)}: ${evidenceText(c.evidence)}`);
  // While on treatment the starting criteria are judged before the first cycle (clinical-rules 3, 11.12).
  const before = assessment.criteria.find((c) => c.judgedBefore)?.judgedBefore;
  return [
    ...(before ? [`**Before the first cycle (${before}):**`] : []),
    ['| Criterion | Result | What the record shows |', '|---|---|---|', ...rows].join('\n'),
    ...(evidence.length ? [`_Evidence - ${evidence.join('; ')}._`] : []),
  ].join('\n\n');
}

/**
 * How many cycles had their indication inferred (clinical-rules 2.3: BOTOX with no reason, no 64615 and no active
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

function cyclesWord(n: number): string {
  return `${n} cycle${n === 1 ? '' : 's'}`;
}

export function treatmentSection(assessment: Assessment): string | undefined {
  const t = assessment.treatment;
  const inferred = inferredCycles(assessment);
  if (t) {
    const due = t.overdue
      ? `**overdue** (due since ${t.nextEligible})`
      : t.due
        ? `**next cycle due** (since ${t.nextEligible})`
        : `next cycle from ${t.nextEligible}`;
    const mark = inferredMark(inferred.inCourse, t.cycles);
    const lines = [
      `**Course:** ${cyclesWord(t.cycles)}${mark ? ` (${mark})` : ''} since ${t.firstCycle}, last ${t.lastCycle}; ${due}.`,
      `**Response:** ${label('verdicts', t.response.verdict)}. ${recordText(t.response.summary)}`,
    ];
    if (t.stopAdvice) lines.push(`**${recordText(t.stopAdvice)}.**`);
    return lines.join('\n\n');
  }
  if (assessment.previouslyTreated) {
    const { cycles, last } = assessment.previouslyTreated;
    const mark = inferredMark(inferred.onRecord, cycles);
    return `**Previously treated:** ${cyclesWord(cycles)}${mark ? ` (${mark})` : ''}, last ${last}; assessed as a new candidate.`;
  }
  return undefined;
}

/** What to document next: every `missing` item of the criteria not met, each once. */
export function missingList(assessment: Assessment): string | undefined {
  const items = assessment.criteria.filter((c) => c.status !== 'met').flatMap((c) => c.missing ?? []);
  if (!items.length) return undefined;
  return ['**To document next:**', ...[...new Set(items)].map((i) => `- ${recordText(i)}`)].join('\n');
}

const NOTES_SHOWN = 5;

export function notesList(assessment: Assessment): string | undefined {
  if (!assessment.notes.length) return undefined;
  const shown = assessment.notes.slice(0, NOTES_SHOWN).map((n) => `- ${recordText(n.text)}`);
  if (assessment.notes.length > NOTES_SHOWN) shown.push(`- and ${assessment.notes.length - NOTES_SHOWN} more`);
  return ['**Data notes:**', ...shown].join('\n');
}

function policyLine(assessment: Assessment): string {
  // The policy's title is in the candidate summary and the source label names the policy: id and version suffice.
  const { id, version } = assessment.policy;
  return `_Evaluated ${assessment.evaluationDate} under policy ${id} ${version}._`;
}
