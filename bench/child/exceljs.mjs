// Baseline: exceljs's streaming WorkbookReader alone iterating every row of the first worksheet,
// doing nothing with them but count them. `styles: 'cache'` as the importer needs it: without it
// date cells come back as serial numbers (STYLE.md).
import ExcelJS from 'exceljs';

const file = process.argv[2];
const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
  sharedStrings: 'cache',
  styles: 'cache',
  hyperlinks: 'ignore',
  worksheets: 'emit',
  entries: 'emit',
});
let rows = 0;
for await (const sheet of reader) {
  for await (const row of sheet) {
    if (row.hasValues) rows++;
  }
  break; // the first worksheet, as the importer reads
}
console.log(JSON.stringify({ rows: rows - 1 }));
