import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { replay } from './replay/run-replay.ts';

/**
 * `npm run replay -- [--base http://localhost:8080] [--fhir-server URL] [--check] [files or directories]`: posts CDS
 * Hooks requests to a running service and prints the cards. Default: every request under cds-hooks/requests.
 * `--fhir-server` replaces the `fhirServer` of requests that name one; `--check` exits 3 on a status mismatch.
 */
async function main() {
  const { values, positionals } = parseArgs({
    options: {
      base: { type: 'string', default: 'http://localhost:8080' },
      check: { type: 'boolean', default: false },
      'fhir-server': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run replay -- [--base http://localhost:8080] [--fhir-server URL] [--check] [files or directories]\n',
    );
    return 0;
  }
  const paths = positionals.length > 0 ? positionals : [resolve(import.meta.dirname, '../cds-hooks/requests')];
  return replay({
    base: values.base,
    paths,
    check: values.check,
    ...(values['fhir-server'] ? { fhirServer: values['fhir-server'] } : {}),
    today: new Date().toISOString().slice(0, 10),
    write: (line) => process.stdout.write(`${line}\n`),
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`replay: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
