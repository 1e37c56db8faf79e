/**
 * Prints how our CSV encoding guess and chardet fare on test/fixtures/encodings:
 *
 *   node --import tsx scripts/encodings-vs-chardet.ts
 */
import { compareWithChardet, tally } from '../test/fixtures/encodings/compare.js';

const results = await compareWithChardet();
console.log('code page      | ours: right refused wrong | chardet: right wrong');
for (const [encoding, { ours, chardet }] of Object.entries(tally(results))) {
  console.log(
    `${encoding.padEnd(14)} | ${String(ours.right).padStart(11)} ${String(ours.refused).padStart(7)} ${String(ours.wrong).padStart(5)} | ${String(chardet.right).padStart(14)} ${String(chardet.wrong).padStart(5)}`,
  );
}
const sum = (pick: (r: (typeof results)[number]) => string, value: string) =>
  results.filter((r) => pick(r) === value).length;
console.log(
  `all ${results.length} files | ours: ${sum((r) => r.ours, 'right')} right, ${sum((r) => r.ours, 'refused')} refused, ${sum((r) => r.ours, 'wrong')} wrong | chardet: ${sum((r) => r.chardet, 'right')} right, ${sum((r) => r.chardet, 'wrong')} wrong`,
);
for (const r of results.filter((r) => r.chardet === 'wrong')) {
  console.log(`  chardet wrong: ${r.file} (${r.encoding}) read as ${r.chardetSays}`);
}
