/**
 * `npm run templates`: writes templates/contract-contacts.xlsx and .csv from src/fields.ts.
 * Run it after changing a field; the drift test fails until the committed copies match.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateBytes, type TemplateFormat } from '../src/template/index.js';

const dir = join(import.meta.dirname, '..', 'templates');
mkdirSync(dir, { recursive: true });
for (const format of ['xlsx', 'csv'] as const satisfies readonly TemplateFormat[]) {
  const path = join(dir, `contract-contacts.${format}`);
  writeFileSync(path, await templateBytes(format));
  console.log(`wrote ${path}`);
}
