/**
 * Child process of `benchStagesInChild`: reads `{ body, options }` as JSON from stdin, runs `benchStages` and writes
 * its figures as JSON to stdout.
 */
import { readFileSync } from 'node:fs';
import { benchStages, type StageBenchOptions } from './stage-bench.ts';

const input = JSON.parse(readFileSync(0, 'utf8')) as { body: string; options: StageBenchOptions };
process.stdout.write(`${JSON.stringify(await benchStages(input.body, input.options))}\n`);
