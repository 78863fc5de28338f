import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderClinicalDataDoc } from './clinical-data-doc.ts';

const target = resolve(import.meta.dirname, '../../docs/clinical-data.md');
writeFileSync(target, renderClinicalDataDoc());
console.log(`wrote ${target}`);
