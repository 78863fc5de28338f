import { runAssess } from './assess-command.ts';

const USAGE = `Usage: migraine-cds <command> [options]

Commands:
  assess <bundle.json> [--patient <id>] [--date YYYY-MM-DD] [--policy default|payer-strict|nice-ta260]
         [--tz <IANA zone>] [--json] [--prior-auth]
      Assess a FHIR R4 Bundle (or a JSON array of resources) exported from your own system and print the assessment
      and the card the service would show. --json prints the machine-readable assessment and the card as JSON.
      --prior-auth prints the prior-authorization summary the card offers, as text (exit 1 when none is offered).
`;

/** CLI dispatcher; returns the process exit code. */
export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'assess') return runAssess(rest, out);
  out(USAGE);
  return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
}
