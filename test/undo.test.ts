import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type ContractContactRecord, type Sandbox } from '../src/sandbox/index.js';
import type { UndoSummary } from '../src/undo/undoReport.js';
import { readReport, readSummary, runCli, tempDir } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest(
  { writesPerMinute: false, requestsPerMinute: false, extraContacts: 12, accountSeed: 7 },
  (started, dir) => {
    sandbox = started;
    cwd = dir;
  },
);

const env = (s: Sandbox = sandbox) => ({
  NEXUDUS_USERNAME: s.username,
  NEXUDUS_PASSWORD: s.password,
});
const FAST = ['--writes-per-minute', '60000'];

/** Ten new contacts on the sample account's contracts, and Olivia Bennett, who is there already. */
function newContactsFile(dir: string, count = 10): string {
  const lines = ['CoworkerContractId,FullName,ContractContactType,AmlCheckStatus,Email,CityName'];
  lines.push('7101,Olivia Bennett,Director,Clear,olivia.bennett@example.com,London');
  for (let i = 1; i <= count; i += 1) {
    const contract = i % 2 === 0 ? 7101 : 7102;
    lines.push(
      `${contract},Undo Person ${i},Nominated recipient,Pending,person${i}@example.com,Town ${i}`,
    );
  }
  const file = join(dir, 'new.csv');
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

function importFile(file: string, out: string, s: Sandbox = sandbox, ...more: string[]) {
  return runCli(['import', file, '--base-url', s.url, '--out', out, ...FAST, ...more], {
    cwd,
    env: env(s),
  });
}

function undo(args: string[], s: Sandbox = sandbox) {
  return runCli(['undo', ...args, ...FAST], { cwd, env: env(s) });
}

/** The one undo-<time> folder an undo left in `dir`. */
function undoFolder(dir: string): string {
  const found = readdirSync(dir).filter((f) => f.startsWith('undo-'));
  expect(found).toHaveLength(1);
  return join(dir, found[0] ?? '');
}

function undoSummary(folder: string): UndoSummary {
  return JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as UndoSummary;
}

/** An edit made in Nexudus by someone else: the record read, one field changed, PUT back. */
async function editOnServer(
  s: Sandbox,
  id: number,
  change: Record<string, string | number>,
): Promise<void> {
  const token = await fetch(`${s.url}/api/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      username: s.username,
      password: s.password,
    }),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  const auth = { authorization: `Bearer ${access_token}` };
  const got = await fetch(`${s.url}/api/billing/contractcontacts/${id}`, { headers: auth });
  const record = (await got.json()) as Record<string, unknown>;
  const put = await fetch(`${s.url}/api/billing/contractcontacts`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ ...record, ...change }),
  });
  expect(put.status).toBe(200);
}

describe('undo of an import that created contacts', () => {
  it('deletes the 10 contacts it created and nothing else: the sandbox is back to exactly its records', async () => {
    const before = sandbox.contacts();
    const imported = await importFile(newContactsFile(cwd), 'run');
    expect(imported.code, imported.stderr).toBe(0);
    expect(readSummary(join(cwd, 'run')).counts).toMatchObject({ created: 10, existing: 1 });
    // the summary's next command mentions undo
    expect(imported.stdout).toContain('npx nexudus-import undo run');

    const run = await undo(['run', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(sandbox.stats().deletes).toBe(10);
    // exactly the records it held before: the existing contact untouched, nothing else touched
    expect(sandbox.contacts()).toEqual(before);

    const folder = undoFolder(join(cwd, 'run'));
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    for (const file of ['summary.json', 'journal.ndjson', 'run.json', 'undo.csv'])
      expect(statSync(join(folder, file)).mode & 0o777, file).toBe(0o600);
    const summary = undoSummary(folder);
    expect(summary.counts).toEqual({
      contacts: 10,
      deleted: 10,
      restored: 0,
      gone: 0,
      changedSince: 0,
      failed: 0,
      notAttempted: 0,
    });
    expect(summary.writesUsed).toBe(10);
    // the records read first: ⌈10/100⌉ GETs
    expect(summary.readRequests).toBeLessThanOrEqual(2);
    const report = readReport(join(folder, 'undo.csv'));
    expect(report).toHaveLength(10);
    expect(report.every((r) => r.Result === 'deleted')).toBe(true);
    expect(report.map((r) => r.FullName)).toContain('Undo Person 3');
    expect(report.some((r) => r.FullName === 'Olivia Bennett')).toBe(false);
    expect(run.stdout).toMatch(/deleted\s+10/);

    // a second undo finds everything gone, and sends nothing
    const again = await undo(['run', '--yes']);
    expect(again.code, again.stderr).toBe(0);
    expect(sandbox.stats().deletes).toBe(10);
    const folders = readdirSync(join(cwd, 'run'))
      .filter((f) => f.startsWith('undo-'))
      .sort();
    const second = undoSummary(join(cwd, 'run', folders.at(-1) ?? ''));
    expect(second.counts).toMatchObject({ contacts: 10, deleted: 0, gone: 10 });
    expect(second.writesUsed).toBe(0);
  });

  it('with no terminal and no --yes: exit 2, nothing deleted, no folder left; --dry-run only shows', async () => {
    const imported = await importFile(newContactsFile(cwd, 3), 'run');
    expect(imported.code).toBe(0);
    const held = sandbox.contacts();

    const refused = await undo(['run']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Nothing was taken back.*--yes/);
    expect(sandbox.stats().deletes).toBe(0);
    expect(readdirSync(join(cwd, 'run')).filter((f) => f.startsWith('undo-'))).toEqual([]);

    const dry = await undo(['run', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(/3 to delete/);
    expect(dry.stderr).toContain('Undo Person 1');
    expect(dry.stdout).toContain('nothing was sent');
    expect(sandbox.stats().deletes).toBe(0);
    expect(sandbox.contacts()).toEqual(held);
    expect(readdirSync(join(cwd, 'run')).filter((f) => f.startsWith('undo-'))).toEqual([]);
  });

  it('leaves a record edited since the import alone and reports it (exit 1); --force takes it', async () => {
    const before = sandbox.contacts();
    const imported = await importFile(newContactsFile(cwd, 4), 'run');
    expect(imported.code).toBe(0);
    const created = readReport(join(cwd, 'run', 'created.csv')).filter(
      (r) => r.Result === 'created',
    );
    const edited = Number(created[1]?.Id);
    await editOnServer(sandbox, edited, { PhoneNumber: '+44 20 7946 0111' });

    const run = await undo(['run', '--yes']);
    expect(run.code, run.stderr).toBe(1);
    expect(sandbox.stats().deletes).toBe(3);
    expect(sandbox.contacts().some((r) => r.Id === edited)).toBe(true);
    const folder = undoFolder(join(cwd, 'run'));
    expect(undoSummary(folder).counts).toMatchObject({ deleted: 3, changedSince: 1 });
    const line = readReport(join(folder, 'undo.csv')).find((r) => r.Id === String(edited));
    expect(line).toMatchObject({ Result: 'changed since' });
    expect(run.stdout).toContain('npx nexudus-import undo run --force');

    const forced = await undo(['run', '--yes', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(sandbox.stats().deletes).toBe(4);
    expect(sandbox.contacts()).toEqual(before);
  });

  it('settles a create the run sent without hearing back: finds its record by contract, name and type, and deletes it', async () => {
    const before = sandbox.contacts();
    const imported = await importFile(newContactsFile(cwd, 4), 'run');
    expect(imported.code).toBe(0);
    // as if the import was killed after sending row 4 and before its answer was journaled
    const journal = join(cwd, 'run', 'journal.ndjson');
    const lines = readFileSync(journal, 'utf8').trimEnd().split('\n');
    const kept = lines.filter((l) => !(l.includes('"outcome"') && l.includes('"sourceRow":4,')));
    expect(kept.length).toBe(lines.length - 1);
    writeFileSync(journal, `${kept.join('\n')}\n`);

    const run = await undo(['run', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(sandbox.stats().deletes).toBe(4);
    expect(sandbox.contacts()).toEqual(before);
  });

  it('takes back a run of a version before undo: its journal without what a create sent is enough', async () => {
    const before = sandbox.contacts();
    const imported = await importFile(newContactsFile(cwd, 4), 'run');
    expect(imported.code).toBe(0);
    const journal = join(cwd, 'run', 'journal.ndjson');
    const old = readFileSync(journal, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        delete entry.create;
        return JSON.stringify(entry);
      })
      // and row 5's answer lost: an earlier version did not say what it sent, so it cannot be told
      .filter((l) => !(l.includes('"outcome"') && l.includes('"sourceRow":5,')));
    writeFileSync(journal, `${old.join('\n')}\n`);

    const run = await undo(['run', '--yes']);
    expect(run.code, run.stderr).toBe(1);
    expect(sandbox.stats().deletes).toBe(3);
    const folder = undoFolder(join(cwd, 'run'));
    expect(undoSummary(folder).counts).toMatchObject({ contacts: 4, deleted: 3, failed: 1 });
    const failed = readReport(join(folder, 'undo.csv')).find((r) => r.Result === 'failed');
    expect(failed).toMatchObject({ Row: '5' });
    expect(failed?.Reason).toMatch(/by hand|delete it there/);
    expect(sandbox.contacts()).toHaveLength(before.length + 1);
  });

  it('without what a create sent, a record whose UpdatedOn is later than its CreatedOn counts as changed since', async () => {
    const imported = await importFile(newContactsFile(cwd, 1), 'run');
    expect(imported.code).toBe(0);
    // Olivia Bennett (87650001) was made in 2024 and edited in 2025: as if the run had made her
    const olivia = sandbox.contacts().find((r) => r.Id === 87650001);
    expect(olivia && olivia.UpdatedOn > olivia.CreatedOn).toBe(true);
    const journal = join(cwd, 'run', 'journal.ndjson');
    const old = readFileSync(journal, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.result !== 'existing')
      .map((entry) => {
        delete entry.create;
        if (entry.result === 'created') entry.id = 87650001;
        return JSON.stringify(entry);
      });
    writeFileSync(journal, `${old.join('\n')}\n`);

    const run = await undo(['run', '--yes']);
    expect(run.code, run.stderr).toBe(1);
    expect(sandbox.stats().deletes).toBe(0);
    const line = readReport(join(undoFolder(join(cwd, 'run')), 'undo.csv'))[0];
    expect(line).toMatchObject({ Id: '87650001', Result: 'changed since' });
    expect(line?.Reason).toContain('UpdatedOn');
  });

  it('refuses a folder that is not an import results folder, and an undo folder (exit 2)', async () => {
    const none = await undo(['nowhere', '--yes']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/not a results folder/);
    await importFile(newContactsFile(cwd, 1), 'run');
    await undo(['run', '--yes']);
    const folder = undoFolder(join(cwd, 'run'));
    const again = await undo([folder, '--yes']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/folder of an undo/);
  });
});

describe('stopping an undo', () => {
  it('Ctrl-C stops it with exit 130 and a summary; undo --resume takes back the rest, each once', async () => {
    const before = sandbox.contacts();
    const imported = await importFile(newContactsFile(cwd, 30), 'run');
    expect(imported.code).toBe(0);
    const stop = new AbortController();
    const watch = setInterval(() => {
      if (sandbox.stats().deletes >= 5) stop.abort('SIGINT');
    }, 5);
    const slow = ['--writes-per-minute', '600'];
    const run = await runCli(['undo', 'run', '--yes', ...slow], {
      cwd,
      env: env(),
      signal: stop.signal,
    });
    clearInterval(watch);
    expect(run.code, run.stderr).toBe(130);
    // the reason first, the resume command last
    expect(run.stdout).toMatch(/^Stopped by Ctrl-C/);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^ {2}npx nexudus-import undo --resume /,
    );
    const folder = undoFolder(join(cwd, 'run'));
    const stopped = undoSummary(folder);
    expect(stopped.exitCode).toBe(130);
    expect(stopped.counts.notAttempted).toBeGreaterThan(0);
    expect(stopped.counts.deleted).toBe(sandbox.stats().deletes);
    expect(run.stdout).toContain(`undo --resume ${join('run', folder.split('/').at(-1) ?? '')}`);

    const resumed = await undo(['--resume', join('run', folder.split('/').at(-1) ?? '')]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(sandbox.stats().deletes).toBe(30);
    expect(sandbox.contacts()).toEqual(before);
    expect(undoSummary(folder).counts).toMatchObject({
      contacts: 30,
      deleted: 30,
      gone: 0,
      notAttempted: 0,
    });
  });
});

describe('undo of an update run', () => {
  it('puts back the Before value of every field the run changed, field by field, and nothing else', async () => {
    const before = sandbox.contacts();
    const targets = before.filter((r) => r.Email !== undefined).slice(0, 2);
    expect(targets).toHaveLength(2);
    const [first, second] = targets as [ContractContactRecord, ContractContactRecord];
    const lines = [
      'Id,CoworkerContractId,FullName,ContractContactType,AmlCheckStatus,Email,CityName',
    ];
    for (const r of [first, second]) {
      lines.push(
        [
          r.Id,
          r.CoworkerContractId,
          `"${r.FullName}"`,
          r.ContractContactType,
          r.AmlCheckStatus,
          r.Id === first.Id ? 'changed.mail@example.com' : r.Email,
          `Newtown ${r.Id}`,
        ].join(','),
      );
    }
    const file = join(cwd, 'update.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const imported = await importFile(file, 'upd', sandbox, '--update');
    expect(imported.code, imported.stderr).toBe(0);
    expect(sandbox.stats().updates).toBe(2);
    const changes = readReport(join(cwd, 'upd', 'changes.csv'));
    expect(changes.map((c) => c.Field)).toEqual(['Email', 'CityName', 'CityName']);

    const run = await undo(['upd', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(sandbox.stats().updates).toBe(4);
    expect(sandbox.stats().deletes).toBe(0);
    const after = new Map(sandbox.contacts().map((r) => [r.Id, r]));
    for (const r of before) {
      const { UpdatedOn: _a, ...now } = after.get(r.Id) ?? r;
      const { UpdatedOn: _b, ...was } = r;
      expect(now, `contact ${r.Id}`).toEqual(was);
    }
    // field by field, as changes.csv said
    for (const c of changes) {
      const now = after.get(Number(c.Id)) as unknown as Record<string, unknown>;
      expect(String(now[c.Field ?? ''] ?? ''), `${c.Id} ${c.Field}`).toBe(c.Before);
    }
    const folder = undoFolder(join(cwd, 'upd'));
    expect(undoSummary(folder).counts).toMatchObject({ contacts: 2, restored: 2 });

    // a second undo finds the fields as before already, and sends nothing
    const again = await undo(['upd', '--yes']);
    expect(again.code).toBe(0);
    expect(sandbox.stats().updates).toBe(4);
  });
});

describe('undo of an update run, edited since', () => {
  it('leaves a field changed again since the run alone; keeps an edit to another field; --force puts the Before back', async () => {
    const before = sandbox.contacts();
    const target = before.find((r) => r.Email !== undefined && r.CityName !== undefined);
    if (!target) throw new Error('no contact with an email and a city');
    const other = before.find((r) => r.Id !== target.Id && r.CityName !== undefined);
    if (!other) throw new Error('no second contact with a city');
    const lines = ['Id,CoworkerContractId,FullName,ContractContactType,AmlCheckStatus,CityName'];
    for (const r of [target, other])
      lines.push(
        [
          r.Id,
          r.CoworkerContractId,
          `"${r.FullName}"`,
          r.ContractContactType,
          r.AmlCheckStatus,
          `Moved ${r.Id}`,
        ].join(','),
      );
    const file = join(cwd, 'update.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const imported = await importFile(file, 'upd', sandbox, '--update');
    expect(imported.code, imported.stderr).toBe(0);
    // someone moves the first contact again, and gives the second a phone number
    await editOnServer(sandbox, target.Id, { CityName: 'Elsewhere' });
    await editOnServer(sandbox, other.Id, { PhoneNumber: '+44 20 7946 0222' });

    const run = await undo(['upd', '--yes']);
    expect(run.code, run.stderr).toBe(1);
    const now = new Map(sandbox.contacts().map((r) => [r.Id, r]));
    expect(now.get(target.Id)?.CityName).toBe('Elsewhere');
    // restored, with the edit made since to a field the run did not change kept
    expect(now.get(other.Id)?.CityName).toBe(other.CityName);
    expect(now.get(other.Id)?.PhoneNumber).toBe('+44 20 7946 0222');
    const folder = undoFolder(join(cwd, 'upd'));
    const line = readReport(join(folder, 'undo.csv')).find((r) => r.Id === String(target.Id));
    expect(line).toMatchObject({ Result: 'changed since' });
    expect(line?.Reason).toContain('CityName');

    const forced = await undo(['upd', '--yes', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(new Map(sandbox.contacts().map((r) => [r.Id, r])).get(target.Id)?.CityName).toBe(
      target.CityName,
    );
  });
});

describe('undo without the Delete role', () => {
  let strict: Sandbox | undefined;
  afterEach(async () => {
    await strict?.close();
  });

  it('stops at the first delete with exit 3, naming ContractContact-Delete; nothing deleted', async () => {
    strict = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      roles: { delete: false },
    });
    cwd = tempDir();
    const imported = await importFile(newContactsFile(cwd, 5), 'run', strict);
    expect(imported.code, imported.stderr).toBe(0);
    const run = await undo(['run', '--yes'], strict);
    expect(run.code).toBe(3);
    expect(run.stdout.split('\n')[0]).toContain('ContractContact-Delete');
    expect(strict.stats().deletes).toBe(0);
    // the deletes in flight when the first refusal came (each tried again after one fresh login)
    expect(strict.stats().writes - 5).toBeLessThanOrEqual(4);
    const folder = undoFolder(join(cwd, 'run'));
    expect(existsSync(join(folder, 'summary.json'))).toBe(true);
    expect(undoSummary(folder).exitCode).toBe(3);
    expect(run.stdout).toContain('undo --resume');
  });
});
