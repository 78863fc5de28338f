import { runAssess } from './assess-command.ts';
import { USAGE } from './usage.ts';

/** CLI dispatcher; returns the process exit code. An unexpected failure is one line and exit 1, never a stack trace. */
export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'assess') {
    try {
      return await runAssess(rest, out);
    } catch (error) {
      out(`migraine-cds assess: ${firstLine(error)}\n`);
      return 1;
    }
  }
  out(USAGE);
  return command === undefined || command === '--help' || command === '-h' || command === 'help' ? 0 : 2;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
