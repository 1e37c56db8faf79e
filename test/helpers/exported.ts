import ExcelJS from 'exceljs';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runCli } from './run.js';
import { loginToSandbox } from './sandbox.js';

/** Runs `nexudus-import export …` in-process against a sandbox, its credentials in the env. */
export function runExport(
  sandbox: Sandbox,
  cwd: string,
  args: readonly string[],
  signal?: AbortSignal,
): ReturnType<typeof runCli> {
  // A raised request pace: these tests are about the file, not the pace (the pacer has its own).
  return runCli(
    [
      'export',
      '--base-url',
      sandbox.url,
      '--requests-per-minute',
      '6000',
      '--requests-per-hour',
      '1000000',
      ...args,
    ],
    {
      cwd,
      env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password },
      ...(signal ? { signal } : {}),
    },
  );
}

/** An exported workbook read with exceljs's non-streaming reader, as Excel-like code sees it. */
export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** The Contacts sheet's header row and data rows as {header: value}, values as exceljs reads them. */
export function sheetRecords(sheet: ExcelJS.Worksheet): {
  headers: string[];
  rows: Record<string, ExcelJS.CellValue>[];
} {
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, n) => (headers[n - 1] = String(cell.value)));
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const record: Record<string, ExcelJS.CellValue> = {};
    headers.forEach((h, i) => {
      const value = row.getCell(i + 1).value;
      if (value !== null && value !== undefined) record[h] = value;
    });
    if (Object.keys(record).length > 0) rows.push(record);
  });
  return { headers, rows };
}

/** Creates a contact on the sandbox through its API, as the admin panel would. */
export async function createContact(
  sandbox: Sandbox,
  contact: Record<string, unknown>,
): Promise<number> {
  const { access_token } = await loginToSandbox(sandbox);
  const reply = await fetch(`${sandbox.url}/api/billing/contractcontacts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify(contact),
  });
  const body = (await reply.json()) as { WasSuccessful: boolean; Value?: { Id: number } };
  if (!body.WasSuccessful || !body.Value) throw new Error(`create failed: ${JSON.stringify(body)}`);
  return body.Value.Id;
}
