import type { Assessment } from '../../engine/assessment.ts';
import { failedTally } from '../../engine/medications/preventive-criterion.ts';
import type { PolicyParameters } from '../../engine/policy/policy-schema.ts';
import type { FindingResult } from '../../engine/types.ts';
import { rankedFindings } from './assessment-detail.ts';
import { CARD_TEXTS, cardText, label } from './card-texts.ts';
import { fitSummary } from './fit-summary.ts';
import { midSentence } from './mid-sentence.ts';

/** A finding by name, mid-sentence: its label (card-texts.json); what was recorded is in the detail. */
export function findingName(f: Pick<FindingResult, 'id'>): string {
  return midSentence(label('findings', f.id));
}

/** "myasthenia gravis" or "myasthenia gravis +1 more": the most severe caution by name (clinical-rules 11.17). */
export function cautionPhrase(findings: FindingResult[]): string | undefined {
  const cautions = rankedFindings(findings).filter((f) => f.severity === 'caution');
  if (!cautions.length) return undefined;
  const more = cautions.length > 1 ? ` ${cardText('summaries', 'more', { n: cautions.length - 1 })}` : '';
  return `${findingName(cautions[0]!)}${more}`;
}

/** "Do not inject Botox: ..." for a hypersensitivity, "Defer Botox: ..." when only an infection defers it. */
export function contraindicationSummary(findings: FindingResult[]): string {
  const ci = rankedFindings(findings).filter((f) => f.severity === 'contraindication');
  const deferOnly = ci.every((f) => f.id === 'injection-site-infection');
  const names = ci.map(findingName);
  const key = deferOnly ? 'defer' : 'contraindicated';
  return fitSummary(
    cardText('summaries', key, { what: names.join('; ') }),
    cardText('summaries', key, { what: `${names[0]} ${cardText('summaries', 'more', { n: names.length - 1 })}` }),
  );
}

const NOT_INDICATED_ORDER = ['age', 'chronic-migraine', 'headache-duration', 'migraine-days'] as const;

/** Why a `not-eligible` patient is not eligible, as the summary pattern of clinical-rules 8 says it. */
export function notEligibleSummary(a: Assessment, p: PolicyParameters): string {
  const unmet = new Set(a.criteria.filter((c) => c.status === 'unmet').map((c) => c.id));
  const policy = a.policy.title;
  const labelOrIchd = NOT_INDICATED_ORDER.find((id) => unmet.has(id));
  if (labelOrIchd) {
    const why = notIndicatedWhy(labelOrIchd, a, p);
    return fitSummary(cardText('summaries', 'notIndicated', { why }));
  }
  const blocking = a.findings.filter((f) => f.blocking).map((f) => blockingPhrase(f));
  if (unmet.has('preventive-failures')) {
    const why = [stepTherapyWhy(a, p), ...blocking].join('; ');
    return fitSummary(
      cardText('summaries', 'stepTherapy', { policy, why }),
      cardText('summaries', 'stepTherapyShort', { why }),
      cardText('summaries', 'stepTherapyShort', { why: stepTherapyWhy(a, p) }),
    );
  }
  const why = blocking.join('; ');
  return fitSummary(
    cardText('summaries', 'notYet', { policy, why }),
    cardText('summaries', 'notYetShort', { why }),
    cardText('summaries', 'notYetShort', { why: blocking[0] ?? '' }),
  );
}

function blockingPhrase(f: FindingResult): string {
  return CARD_TEXTS.blocking[f.id] ? cardText('blocking', f.id) : `${findingName(f)} (policy)`;
}

function notIndicatedWhy(id: (typeof NOT_INDICATED_ORDER)[number], a: Assessment, p: PolicyParameters): string {
  if (id === 'age') {
    // The age criterion's line starts with the age in years ("16 years on 2026-12-04: under 18", src/engine/criteria/age.ts).
    const age = /^(\d+(?:-\d+)?) years/.exec(a.criteria.find((c) => c.id === 'age')?.summary ?? '')?.[1];
    return age ? cardText('notIndicated', 'age', { age }) : cardText('notIndicated', 'ageUnknownYears', {}, p);
  }
  if (id === 'chronic-migraine') {
    const days = a.diaryWindows.filter((w) => w.measure === 'headache-days' && w.covered).map((w) => w.days);
    if (!days.length) return cardText('notIndicated', 'chronic-migraineNoDays', {}, p);
    const low = Math.min(...days);
    const high = Math.max(...days);
    return cardText('notIndicated', 'chronic-migraine', { days: low === high ? `${low}` : `${low}-${high}` });
  }
  return cardText('notIndicated', id, {}, p);
}

/** "1 of 2 preventive classes failed" or "1 of 2 preventives failed", whichever the policy still needs. */
function stepTherapyWhy(a: Assessment, p: PolicyParameters): string {
  const now = failedTally(a.trials.filter((t) => t.failed));
  if (now.ingredients >= p.minFailedPreventives) {
    return cardText('stepTherapy', 'classes', { failed: now.classes, needed: p.minDistinctClasses });
  }
  return cardText('stepTherapy', 'preventives', { failed: now.ingredients, needed: p.minFailedPreventives });
}

/** The first thing to document (clinical-rules 11.17): age, chronic migraine, preventives, then allergies/conditions. */
export function firstToDocument(a: Assessment): string | undefined {
  for (const id of ['age', 'chronic-migraine', 'preventive-failures'] as const) {
    if (a.criteria.find((c) => c.id === id)?.status !== 'unknown') continue;
    if (id === 'preventive-failures' && !a.trials.length) return cardText('firstToDocument', 'preventive-failuresNone');
    return cardText('firstToDocument', id);
  }
  for (const part of ['allergies', 'conditions'] as const) {
    if (a.notes.some((n) => n.kind === 'unavailable' && n.text.startsWith(part))) {
      return cardText('firstToDocument', part);
    }
  }
  return undefined;
}

/** Headache days and the change as whole numbers: "22 -> 8 headache days, -64%" (r shown rounded half up, 11.13). */
function responseValues(a: Assessment, p: PolicyParameters) {
  const r = a.treatment!.response;
  const change = r.reductionPercent === undefined ? 0 : -Math.round(r.reductionPercent);
  return {
    baseline: Math.round(r.baselineDays ?? 0),
    recent: Math.round(r.recentDays ?? 0),
    change: change > 0 ? `+${change}` : `${change}`,
    cycles: p.cyclesBeforeReview,
  };
}

/** The verdict phrase of an on-treatment summary, when there is one. */
export function verdictPhrase(a: Assessment, p: PolicyParameters): string | undefined {
  const t = a.treatment;
  if (!t) return undefined;
  const v = t.response.verdict;
  const phrases: string[] = [];
  const r = t.response;
  if (v === 'responding' && (r.decidedBy === 'midas' || r.decidedBy === 'hit6') && r.measure) {
    // A MIDAS or HIT-6 response decided (clinical-rules 3, 11.11): the card names that measure, not headache days.
    phrases.push(cardText('response', 'respondingByScore', { measure: r.measure }));
  } else if (v === 'responding' || v === 'partial' || v === 'non-responding') {
    phrases.push(cardText('response', v, responseValues(a, p)));
  } else if (v === 'no-data' && t.cycles >= p.cyclesBeforeReview) {
    phrases.push(cardText('response', 'no-data', { cycles: p.cyclesBeforeReview }));
  }
  if (t.response.episodicForThreeMonths) phrases.push(cardText('response', 'episodic'));
  return phrases.length ? phrases.join('; ') : undefined;
}

/** "cycle 3 due now (last 2026-09-01)", "cycle 3 overdue (last ...)" or "next cycle from 2027-01-06". */
export function whenPhrase(a: Assessment, withLast = true): string {
  const t = a.treatment!;
  const values = { cycle: t.cycles + 1, last: t.lastCycle, next: t.nextEligible };
  if (t.overdue || t.due) {
    const phrase = cardText('summaries', t.overdue ? 'overdue' : 'due', values);
    return withLast ? phrase : phrase.replace(/ \(last [^)]*\)$/, '');
  }
  return cardText('summaries', 'notDue', values);
}

function onTreatmentSummary(a: Assessment, p: PolicyParameters): string {
  const verdict = verdictPhrase(a, p);
  const caution = cautionPhrase(a.findings);
  const build = (withLast: boolean, withVerdict: boolean, withCaution: boolean) => {
    const parts = [whenPhrase(a, withLast)];
    if (verdict && withVerdict) parts.push(verdict);
    const text = cardText('summaries', 'onTreatment', { when: parts.join('; ') });
    return caution && withCaution ? `${text} - ${cardText('summaries', 'caution', { caution })}` : text;
  };
  return fitSummary(
    build(true, true, true),
    build(false, true, true),
    build(false, true, false),
    build(false, false, true),
  );
}

/** The card summary (clinical-rules 8): what a clinician reads in a few seconds, under 140 characters. */
export function candidacySummary(a: Assessment, p: PolicyParameters): string {
  switch (a.status) {
    case 'contraindicated':
      return contraindicationSummary(a.findings);
    case 'on-treatment':
      return onTreatmentSummary(a, p);
    case 'not-eligible':
      return notEligibleSummary(a, p);
    case 'incomplete':
      return fitSummary(cardText('summaries', 'undecided', { what: firstToDocument(a) ?? 'see details' }));
    case 'candidate': {
      const caution = cautionPhrase(a.findings);
      if (caution) return fitSummary(cardText('summaries', 'candidateCaution', { caution }));
      return fitSummary(
        cardText('summaries', 'candidate', { policy: a.policy.title }),
        cardText('summaries', 'candidateShort'),
      );
    }
  }
}
