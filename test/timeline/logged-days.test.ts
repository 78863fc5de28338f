import { expect, test } from 'vitest';
import { addDays } from '../../src/engine/dates.ts';
import { renderTimelinePage } from '../../src/timeline/page/timeline-page.ts';
import { timelineAssessmentSchema } from '../../src/timeline/timeline-snapshot.ts';
import { candidateAssessment } from './sample-assessments.ts';

const E = new Date().toISOString().slice(0, 10);

test('the windows table shows the days logged of a diary that records headache-free days (clinical-rules 2.1)', () => {
  const a = candidateAssessment(E);
  a.diaryWindows[0] = { ...a.diaryWindows[0]!, days: 13, logged: 23 };
  // The snapshot keeps `logged` (zod strips every field it does not name).
  const assessment = timelineAssessmentSchema.parse(a);
  expect(assessment.diaryWindows[0]?.logged).toBe(23);
  const page = renderTimelinePage({
    assessment,
    createdAt: `${E}T08:00:00Z`,
    expiresAt: `${addDays(E, 1)}T08:00:00Z`,
  });
  expect(page).toContain('Days logged');
  expect(page).toMatch(/<td class="num">13<\/td><td class="num">23 of 30<\/td>/);
});
