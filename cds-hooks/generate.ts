import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeExampleRequests } from './write-requests.ts';

/**
 * `npm run cds-hooks:generate -- [--date YYYY-MM-DD] [--out dir]`: writes the example requests for one evaluation
 * date. Defaults: today (UTC) and cds-hooks/requests.
 */
function main() {
  const { values } = parseArgs({ options: { date: { type: 'string' }, out: { type: 'string' } } });
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    process.stderr.write('--date must be YYYY-MM-DD\n');
    process.exit(2);
  }
  const out = resolve(values.out ?? resolve(import.meta.dirname, 'requests'));
  const n = writeExampleRequests(out, date);
  process.stdout.write(`Wrote ${n} requests for ${date} to ${out}\n`);
}

main();
