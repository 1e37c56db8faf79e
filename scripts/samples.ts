/**
 * `npm run samples`: builds samples/contract-contacts.xlsx from the template and the rows of
 * samples/contract-contacts.csv (the CSV is written by hand: tests and the README quote its rows).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleWorkbookBytes } from '../src/template/sample.js';

const dir = join(import.meta.dirname, '..', 'samples');
const path = join(dir, 'contract-contacts.xlsx');
writeFileSync(path, await sampleWorkbookBytes(join(dir, 'contract-contacts.csv')));
console.log(`wrote ${path}`);
