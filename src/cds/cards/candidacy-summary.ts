import type { Assessment } from '../../engine/assessment.ts';
import type { PolicyParameters } from '../../engine/policy/policy-schema.ts';
import { inferredCycles, inferredMark } from './assessment-detail.ts';
import { label } from './card-texts.ts';
import { fitSummary } from './fit-summary.ts';
import { midSentence } from './mid-sentence.ts';

function listed(items: string[], max = 2): string {
  const shown = items.slice(0, max).join('; ');
  return items.length > max ? `${shown} (+${items.length - max} more)` : shown;
}

/** The card summary: the verdict in plain words, under 140 characters. */
export function candidacySummary(a: Assessment, p: PolicyParameters): string {
  const cautions = a.findings.filter((f) => f.severity === 'caution').length;
  const withCautions = cautions ? ` — ${cautions} caution${cautions > 1 ? 's' : ''} to review` : '';
  switch (a.status) {
    case 'contraindicated': {
      const ci = a.findings
        .filter((f) => f.severity === 'contraindication')
        .map((f) => midSentence(label('findings', f.id)));
      return fitSummary(`Botox contraindicated: ${listed(ci)}`);
    }
    case 'on-treatment': {
      const t = a.treatment!;
      const when = t.overdue
        ? `overdue since ${t.nextEligible}`
        : t.due
          ? `next cycle due now`
          : `next cycle from ${t.nextEligible}`;
      const response =
        t.stopAdvice !== undefined
          ? t.response.verdict === 'non-responding'
            ? `; not responding after ${p.cyclesBeforeReview} cycles: consider stopping`
            : '; episodic for 3 months: consider stopping'
          : t.response.verdict === 'responding' || t.response.verdict === 'partial'
            ? `; ${label('verdicts', t.response.verdict)} (${t.response.reductionPercent}% fewer headache days)`
            : '';
      // A cycle counted with no reason and no procedure is marked "indication inferred" (clinical-criteria 2.3).
      const mark = inferredMark(inferredCycles(a).inCourse, t.cycles);
      const cycles = `${t.cycles} cycle${t.cycles > 1 ? 's' : ''}${mark ? `, ${mark}` : ''}`;
      const full = `On Botox for chronic migraine (${cycles}): ${when}${response}`;
      // Under 140 characters: "for chronic migraine" is dropped rather than the end of the advice cut.
      return fitSummary(full.length <= 139 ? full : `On Botox (${cycles}): ${when}${response}`);
    }
    case 'not-eligible': {
      const unmet = a.criteria.filter((c) => c.status === 'unmet').map((c) => label('criteria', c.id, p));
      const blocking = a.findings.filter((f) => f.blocking).map((f) => midSentence(label('findings', f.id)));
      const reasons = [...unmet.map((u) => `not met: ${u}`), ...blocking.map((b) => `${b} (policy)`)];
      return fitSummary(`Not a Botox candidate: ${listed(reasons)}`);
    }
    case 'incomplete': {
      const unknown = a.criteria
        .filter((c) => c.status === 'unknown' && ['age', 'chronic-migraine', 'preventive-failures'].includes(c.id))
        .map((c) => label('toDocument', c.id));
      const unchecked = a.notes.some((n) => n.kind === 'unavailable' && /allergies|conditions/.test(n.text));
      const parts = [
        ...(unknown.length ? [`document ${listed(unknown, 3)}`] : []),
        ...(unchecked ? ['contraindications not checked (allergies or conditions unavailable)'] : []),
      ];
      return fitSummary(`Botox candidacy incomplete: ${parts.join('; ') || 'see details'}`);
    }
    case 'candidate':
      return fitSummary(`Botox candidate for chronic migraine: criteria documented${withCautions}`);
  }
}
