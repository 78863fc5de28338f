import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, test } from 'vitest';
import { evidenceText, recordText } from '../../src/cds/cards/markdown-text.ts';
import type { Card } from '../../src/cds/schemas/response.ts';
import { candidateRecord } from '../support/candidate-record.ts';
import { patientViewRequest } from '../support/cds-requests.ts';
import { condition, E } from '../support/record-builders.ts';
import { createTestApp } from '../support/test-app.ts';

/**
 * Rendered as the CDS Hooks sandbox renders a card's detail: GitHub-flavoured Markdown with raw HTML passed through
 * (its react-markdown runs with `escapeHtml={false}`), the least forgiving way an EHR may show it.
 */
const render = (markdown: string) =>
  micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });

const encode = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** What the text must render as: itself, on one line, trimmed, HTML-encoded, with no element of its own. */
const asText = (text: string) => encode(text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim());

const HOSTILE = [
  'Myasthenia gravis [click](javascript:alert(4))',
  'Myasthenia ![x](https://evil.example/p.png)',
  'see <https://evil.example> or <javascript:alert(1)>',
  'visit https://evil.example/x and www.evil.example and mail a@evil.example',
  '<img src=x onerror=alert(1)> myasthenia',
  '<script>alert(1)</script>',
  'Lambert-Eaton **Contraindication:** none',
  'ALS _really_ ~~not~~ `code`',
  'G70.00 | caution | forged row |',
  'first line\n| Criterion | met | forged |\n|---|---|---|',
  '# heading',
  '> quoted',
  '- a list',
  '1. numbered',
  '[ref]: https://evil.example',
  '&lt;script&gt; and &#106;avascript:',
  'trailing backslash \\',
];

describe('record text in a card cannot act as Markdown or HTML (issue 19 item 6)', () => {
  test.each(HOSTILE)('%j renders as the text it is, in a paragraph', (text) => {
    expect(render(recordText(text))).toBe(`<p>${asText(text)}</p>`);
  });

  test.each(HOSTILE)('%j in a list item stays one list item of text', (text) => {
    expect(render(`- ${recordText(text)}`)).toBe(`<ul>\n<li>${asText(text)}</li>\n</ul>`);
  });

  test.each(HOSTILE)('%j in a table cell stays one cell of text: no link, no forged row or column', (text) => {
    const html = render(`| a | b |\n|---|---|\n| x | ${recordText(text)} |`);
    expect(html).toContain(`<td>${asText(text)}</td>`);
    expect(html.match(/<tr>/g)).toHaveLength(2);
    expect(html.match(/<td>/g)).toHaveLength(2);
  });

  test('any text over the characters Markdown gives meaning to renders as itself', () => {
    const alphabet = fc.constantFrom(
      ...'[]()!<>*_~`|\\#-+=&:/.@; 1aw\n'.split(''),
      'http',
      'https://',
      'www.',
      'javascript:',
      '<img ',
      '&amp;',
      '&#106;',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        if (!asText(text)) return;
        expect(render(recordText(text))).toBe(`<p>${asText(text)}</p>`);
      }),
      { numRuns: 2000 },
    );
  });

  test('evidence: at most three references, then "and N more", each as text', () => {
    expect(evidenceText(['Observation/a', 'Observation/b'])).toBe('Observation/a, Observation/b');
    expect(evidenceText(['A/1', 'A/2', 'A/3', 'A/4', 'A/5'])).toBe('A/1, A/2, A/3 and 2 more');
    expect(evidenceText(['Observation/x_[y]'])).toBe('Observation/x\\_\\[y\\]');
  });
});

describe('a card built from a hostile record', () => {
  test('a condition named "Myasthenia gravis [click](javascript:alert(4))" shows as text, never as a link', async () => {
    const { postJson } = await createTestApp({ env: { EVALUATION_DATE: E } });
    const text = 'Myasthenia gravis [click](javascript:alert(4)) <img src=x onerror=alert(1)> https://evil.example';
    const hostile = condition({ code: 'G70.00', text });
    const res = await postJson('/cds-services/botox-candidacy', patientViewRequest([...candidateRecord(), hostile]));
    const { cards } = (await res.json()) as { cards: Card[] };
    const html = render(cards[0]!.detail!);
    expect(html).toContain(asText(text));
    expect(html).not.toMatch(/<a |<img/);
  });
});
