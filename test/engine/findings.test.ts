import type { Condition, Procedure } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { assessAge } from '../../src/engine/criteria/age.ts';
import { addDays } from '../../src/engine/dates.ts';
import { conditionCautions } from '../../src/engine/findings/condition-cautions.ts';
import { toxinAllergyFindings } from '../../src/engine/findings/hypersensitivity/toxin-allergies.ts';
import { injectionSiteInfection } from '../../src/engine/findings/injection-site-infection/injection-site-infection.ts';
import { pregnancyFinding } from '../../src/engine/findings/pregnancy/pregnancy.ts';
import {
  allergy,
  condition,
  daysAgo,
  deliveryProcedure,
  E,
  patient,
  pregnancyStatus,
  SNOMED,
} from '../support/record-builders.ts';

describe('age (label: adults)', () => {
  test.each([
    ['18th birthday today', addDays(E, 0).replace(/^\d{4}/, (y) => String(Number(y) - 18)), 'met'],
    ['18th birthday tomorrow', addDays(E, 1).replace(/^\d{4}/, (y) => String(Number(y) - 18)), 'unmet'],
    ['year only, clearly adult', '1980', 'met'],
    ['year only, could be 17 or 18', String(Number(E.slice(0, 4)) - 18), 'unknown'],
    ['month only, settles it', `${Number(E.slice(0, 4)) - 18}-01`, 'met'],
    ['no birth date', undefined, 'unknown'],
  ])('%s -> %s', (_name, birthDate, status) => {
    expect(assessAge(patient(birthDate), E, 18).status).toBe(status);
  });

  test('judged at the order date D when given', () => {
    const birth = addDays(E, 10).replace(/^\d{4}/, (y) => String(Number(y) - 18));
    expect(assessAge(patient(birth), E, 18).status).toBe('unmet');
    expect(assessAge(patient(birth), addDays(E, 10), 18).status).toBe('met');
  });
});

describe('hypersensitivity and prior adverse effect', () => {
  test.each([
    ['SNOMED botulinum toxin substance', { code: '108890005' }, {}, 'hypersensitivity'],
    ['text "Botox"', { text: 'Botox' }, {}, 'hypersensitivity'],
    ['Dysport by brand', { text: 'Dysport (abobotulinumtoxinA)' }, {}, 'hypersensitivity'],
    ['human albumin excipient', { text: 'Albumin human' }, {}, 'hypersensitivity'],
    [
      'intolerance with ptosis only',
      { text: 'onabotulinumtoxinA' },
      { type: 'intolerance', manifestations: ['Ptosis'] },
      'prior-toxin-adverse-effect',
    ],
    [
      'intolerance with anaphylaxis',
      { text: 'onabotulinumtoxinA' },
      { type: 'intolerance', manifestations: ['Anaphylaxis'] },
      'hypersensitivity',
    ],
    [
      'intolerance without manifestations (cannot exclude allergy)',
      { text: 'Botox' },
      { type: 'intolerance' },
      'hypersensitivity',
    ],
  ] as const)('%s -> %s', (_name, code, options, expected) => {
    const findings = toxinAllergyFindings([allergy(code, options)]);
    expect(findings.map((f) => f.id)).toEqual([expected]);
    expect(findings[0]?.severity).toBe(expected === 'hypersensitivity' ? 'contraindication' : 'caution');
  });

  test.each([
    ['refuted', { verificationStatus: 'refuted' }],
    ['entered-in-error', { verificationStatus: 'entered-in-error' }],
    ['resolved', { clinicalStatus: 'resolved' }],
    ['inactive', { clinicalStatus: 'inactive' }],
  ])('%s allergies do not count', (_name, options) => {
    expect(toxinAllergyFindings([allergy({ text: 'Botox' }, options)])).toEqual([]);
  });

  test('an unrelated allergy is no finding', () => {
    expect(toxinAllergyFindings([allergy({ text: 'Penicillin' })])).toEqual([]);
  });

  // clinical-rules 3 `hypersensitivity`: "or human albumin" (the BOTOX excipient), never another albumin.
  test.each([
    'Albumin (Human) 25% Injectable Solution',
    'Human serum albumin',
    'human albumin',
    'Albumin, Human',
    'Albutein 5%',
    'Albumin',
  ])('human albumin "%s" -> hypersensitivity', (text) => {
    expect(toxinAllergyFindings([allergy({ text })]).map((f) => [f.id, f.severity])).toEqual([
      ['hypersensitivity', 'contraindication'],
    ]);
  });

  test.each(['Egg albumin', 'Bovine serum albumin', 'Ovalbumin', 'Egg white albumin (food)'])(
    'non-human albumin "%s" is no finding',
    (text) => {
      expect(toxinAllergyFindings([allergy({ text })])).toEqual([]);
    },
  );

  // clinical-rules 3 `hypersensitivity`: "any botulinum toxin product or name": every product of the toxin product
  // catalogue (therapeutic, cosmetic, other, unspecified), by code alone, names the product that matched.
  const HCPCS = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
  const NDC = 'http://hl7.org/fhir/sid/ndc';
  test.each([
    ['HCPCS J0585', 'BOTOX (onabotulinumtoxinA)', { system: HCPCS, code: 'J0585' }],
    ['BOTOX NDC package 0023-1145-01', 'BOTOX (onabotulinumtoxinA)', { system: NDC, code: '0023-1145-01' }],
    ['BOTOX Cosmetic NDC 0023-9232-01', 'BOTOX Cosmetic (onabotulinumtoxinA)', { system: NDC, code: '0023-9232-01' }],
    ['HCPCS J0586', 'abobotulinumtoxinA (Dysport)', { system: HCPCS, code: 'J0586' }],
    ['HCPCS J0587', 'rimabotulinumtoxinB (Myobloc)', { system: HCPCS, code: 'J0587' }],
    ['HCPCS J0588', 'incobotulinumtoxinA (Xeomin)', { system: HCPCS, code: 'J0588' }],
    ['text "BoNT-A"', 'BoNT-A', { text: 'BoNT-A' }],
    ['SNOMED 108890005 with no display', 'Botulinum toxin (substance)', { code: '108890005' }],
  ])('an allergy to %s is hypersensitivity, named "%s"', (_name, label, code) => {
    const findings = toxinAllergyFindings([allergy(code)]);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([['hypersensitivity', 'contraindication']]);
    expect(findings[0]?.summary).toBe(`Hypersensitivity recorded: ${label} (contraindication, BOTOX PI)`);
  });

  test('a product code with a non-allergic reaction (ptosis) is still the prior-toxin-adverse-effect caution', () => {
    const findings = toxinAllergyFindings([
      allergy({ system: HCPCS, code: 'J0585' }, { type: 'intolerance', manifestations: ['Ptosis'] }),
    ]);
    expect(findings.map((f) => f.id)).toEqual(['prior-toxin-adverse-effect']);
  });

  test('an allergy matched through reaction.substance names the substance, not "unnamed"', () => {
    const { code: _none, ...base } = allergy({});
    const findings = toxinAllergyFindings([
      { ...base, reaction: [{ substance: { text: 'onabotulinumtoxinA' }, manifestation: [{ text: 'Anaphylaxis' }] }] },
    ]);
    expect(findings.map((f) => f.summary)).toEqual([
      'Hypersensitivity recorded: onabotulinumtoxinA (contraindication, BOTOX PI)',
    ]);
  });

  test('an allergy coded "Drug allergy" in text with a HCPCS product code names the product', () => {
    const a = allergy({ system: HCPCS, code: 'J0586', text: 'Drug allergy' });
    expect(toxinAllergyFindings([a])[0]?.summary).toBe(
      'Hypersensitivity recorded: abobotulinumtoxinA (Dysport) (contraindication, BOTOX PI)',
    );
  });
});

describe('injection-site infection (defer)', () => {
  const cellulitis = (opts: Parameters<typeof condition>[1]) =>
    condition({ code: 'L03.811', display: 'Cellulitis of scalp' }, opts);
  test.each([
    ['onset 30 days ago', { onset: daysAgo(30) }, true],
    ['onset 31 days ago', { onset: daysAgo(31) }, false],
    ['recorded 10 days ago, onset 60 days ago', { onset: daysAgo(60), recorded: daysAgo(10) }, true],
    ['abated', { onset: daysAgo(5), abatement: daysAgo(1) }, false],
    ['resolved', { onset: daysAgo(5), clinicalStatus: 'resolved' }, false],
    ['active with no date (cannot be excluded)', {}, true],
  ])('%s -> %s', (_name, opts, fires) => {
    const f = injectionSiteInfection([cellulitis(opts)], E, 'UTC');
    expect(f !== undefined).toBe(fires);
    if (f) expect(f.summary).toMatch(/Do not inject until resolved/);
  });

  test('judged at D for orders', () => {
    expect(injectionSiteInfection([cellulitis({ onset: daysAgo(20) })], addDays(E, 15), 'UTC')).toBeUndefined();
  });

  test('impetigo matches by prefix (L01.0*)', () => {
    expect(injectionSiteInfection([condition({ code: 'L01.01' }, { onset: daysAgo(2) })], E, 'UTC')).toBeDefined();
  });
});

describe('condition cautions', () => {
  test.each([
    ['myasthenia gravis ICD', { code: 'G70.00' }, 'neuromuscular-disorder'],
    ['myasthenia gravis SNOMED', { system: 'http://snomed.info/sct', code: '91637004' }, 'neuromuscular-disorder'],
    ['Lambert-Eaton', { code: 'G73.1' }, 'neuromuscular-disorder'],
    ['ALS', { code: 'G12.21' }, 'neuromuscular-disorder'],
    ['dysphagia', { code: 'R13.12' }, 'dysphagia-respiratory'],
    ['chronic respiratory failure', { code: 'J96.10' }, 'dysphagia-respiratory'],
  ])('%s -> %s', (_name, code, id) => {
    const findings = conditionCautions([condition(code, { recorded: daysAgo(400) })], 'UTC');
    expect(findings.map((f) => f.id)).toEqual([id]);
    expect(findings[0]?.severity).toBe('caution');
  });

  test('a provisional diagnosis still raises a caution (the safe side)', () => {
    expect(
      conditionCautions([condition({ code: 'G70.00' }, { verificationStatus: 'provisional' })], 'UTC'),
    ).toHaveLength(1);
  });

  test('a refuted one does not', () => {
    expect(conditionCautions([condition({ code: 'G70.00' }, { verificationStatus: 'refuted' })], 'UTC')).toHaveLength(
      0,
    );
  });
});

describe('pregnancy caution', () => {
  const input = (o: Partial<Parameters<typeof pregnancyFinding>[0]>) => ({
    conditions: [],
    observations: [],
    procedures: [],
    evaluationDate: E,
    siteTimeZone: 'UTC',
    ...o,
  });
  test('pregnant 280 days ago fires; 281 does not', () => {
    expect(pregnancyFinding(input({ observations: [pregnancyStatus(daysAgo(280), 'LA15173-0')] }))).toBeDefined();
    expect(pregnancyFinding(input({ observations: [pregnancyStatus(daysAgo(281), 'LA15173-0')] }))).toBeUndefined();
  });
  test('a later not-pregnant result wins', () => {
    const observations = [pregnancyStatus(daysAgo(100), 'LA15173-0'), pregnancyStatus(daysAgo(10), 'LA26683-5')];
    expect(pregnancyFinding(input({ observations }))).toBeUndefined();
  });
  test('a later delivery ends it', () => {
    const f = pregnancyFinding(
      input({
        observations: [pregnancyStatus(daysAgo(200), 'LA15173-0')],
        procedures: [deliveryProcedure(daysAgo(20))],
      }),
    );
    expect(f).toBeUndefined();
  });
  describe('only a delivery that happened after the pregnant result, on or before E, ends it', () => {
    const pregnant = () => [pregnancyStatus(daysAgo(60), 'LA15173-0')];
    const fires = (procedures: Procedure[], conditions: Condition[] = []) =>
      pregnancyFinding(input({ observations: pregnant(), procedures, conditions }))?.id;

    test.each([
      ['planned (preparation), dated after E', { status: 'preparation', day: addDays(E, 60) }],
      ['not done', { status: 'not-done', day: daysAgo(5) }],
      ['entered in error', { status: 'entered-in-error', day: daysAgo(5) }],
      ['in progress (not yet delivered)', { status: 'in-progress', day: daysAgo(1) }],
      ['completed but dated after E', { status: 'completed', day: addDays(E, 3) }],
      ['completed before the pregnant result', { status: 'completed', day: daysAgo(90) }],
      ['completed, no date', { status: 'completed', day: undefined }],
    ] as const)('a delivery Procedure %s keeps the caution', (_n, { status, day }) => {
      const p = { ...deliveryProcedure(day ?? E), status } as Procedure;
      if (!day) delete p.performedDateTime;
      expect(fires([p])).toBe('pregnancy');
    });

    test('a completed cesarean section after the result ends it', () => {
      const cs = {
        ...deliveryProcedure(daysAgo(5)),
        code: { coding: [{ system: SNOMED, code: '11466000', display: 'Cesarean section' }] },
      };
      expect(fires([cs])).toBeUndefined();
    });

    test.each([
      ['entered in error', { recorded: daysAgo(5), verificationStatus: 'entered-in-error' }],
      ['refuted', { recorded: daysAgo(5), verificationStatus: 'refuted' }],
      ['provisional', { recorded: daysAgo(5), verificationStatus: 'provisional' }],
      ['recorded after the result, onset before it', { onset: daysAgo(400), recorded: daysAgo(5) }],
      ['recorded after E', { recorded: addDays(E, 2) }],
    ] as const)('a Z37.0 delivery Condition %s keeps the caution', (_n, opts) => {
      expect(fires([], [condition({ code: 'Z37.0', display: 'Single live birth' }, opts)])).toBe('pregnancy');
    });

    test('a Z37.0 delivery Condition recorded after the result ends it', () => {
      expect(
        fires([], [condition({ code: 'Z37.0', display: 'Single live birth' }, { recorded: daysAgo(5) })]),
      ).toBeUndefined();
    });

    test.each([
      [
        'O60.02 preterm labor without delivery',
        { code: 'O60.02', display: 'Preterm labor without delivery, second trimester' },
      ],
      ['text only, preterm labour without delivery', { text: 'Preterm labour without delivery' }],
      [
        'text only, scar from a previous cesarean',
        { text: 'Maternal care for low transverse scar from previous cesarean delivery' },
      ],
      ['text only, labour not yet delivered', { text: 'Term labour, not yet delivered' }],
    ])('a Condition "%s" is no delivery', (_n, code) => {
      expect(fires([], [condition(code, { recorded: daysAgo(10) })])).toBe('pregnancy');
    });

    test('a text-only delivery Condition after the result still ends it', () => {
      expect(fires([], [condition({ text: 'Spontaneous vaginal delivery' }, { onset: daysAgo(7) })])).toBeUndefined();
    });
  });

  test('a preliminary result does not count', () => {
    expect(
      pregnancyFinding(input({ observations: [pregnancyStatus(daysAgo(5), 'LA15173-0', 'preliminary')] })),
    ).toBeUndefined();
  });
  test('an active pregnancy condition or recorded lactation raises it', () => {
    expect(pregnancyFinding(input({ conditions: [condition({ code: 'Z34.82' })] }))?.id).toBe('pregnancy');
    expect(
      pregnancyFinding(input({ conditions: [condition({ text: 'Lactating mother' }, { recorded: daysAgo(30) })] }))
        ?.summary,
    ).toMatch(/lactation/);
  });
});
