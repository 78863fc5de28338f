import { botoxCycle, postInjectionAdverseEvent } from '../builders/botox.ts';
import { condition } from '../builders/clinical.ts';
import { concept, DRUGS, ICD, SYSTEMS } from '../builders/codes.ts';
import { dailyDiary } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * One cycle at E-30 (too early to judge the response; next eligible E+54), and left eyelid ptosis recorded as an
 * AdverseEvent 6 days later naming the cycle's procedure as its suspect: `prior-toxin-adverse-effect` (clinical-rules
 * 3, 11.10), "after the cycle of <E-30>: Left upper eyelid ptosis (<E-24>)".
 */
export const cmPtosisAfterCycle: FixtureDefinition = {
  id: 'cm-ptosis-after-cycle',
  situation: 'On treatment, ptosis recorded 6 days after the first cycle',
  expected: { status: 'on-treatment', findings: ['prior-toxin-adverse-effect'], response: 'too-early' },
  build: (f) => {
    const [procedure, administration] = botoxCycle(f, { n: 1, day: -30 });
    return [
      patient(f, {
        mrn: 'MCDS-0103',
        family: 'Haddad',
        given: ['Layla', 'Rose'],
        gender: 'female',
        age: 41,
        birthdayOffset: 64,
        city: 'Bemidji',
      }),
      condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -1500, recorded: -400 }),
      ...preventiveTrial(f, { drug: DRUGS.topiramate, from: -420, to: -330, outcome: 'inadequate-response' }),
      ...preventiveTrial(f, { drug: DRUGS.nortriptyline, from: -310, to: -220, outcome: 'intolerance' }),
      ...dailyDiary(f, [
        { from: -120, to: -91, headacheDays: 20, migraineDays: 11 },
        { from: -90, to: -61, headacheDays: 19, migraineDays: 10 },
        { from: -60, to: -31, headacheDays: 21, migraineDays: 12 },
        { from: -30, to: -1, headacheDays: 14, migraineDays: 7 },
      ]),
      procedure,
      administration,
      postInjectionAdverseEvent(f, {
        suffix: 'ptosis',
        day: -24,
        event: { ...concept(SYSTEMS.snomed, '11934000', 'Ptosis of eyelid'), text: 'Left upper eyelid ptosis' },
        suspect: procedure,
        severityText: 'Mild, partial; resolving',
      }),
    ];
  },
};
