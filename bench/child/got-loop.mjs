// Baseline: the least an uploader can do. Logs in once, then posts every payload of a JSON file
// to the contract contacts endpoint with `concurrency` requests in flight (a pool of workers),
// keep-alive sockets as the importer uses, no pacing, no retries, no journal.
//   node got-loop.mjs PAYLOADS.json BASE_URL CONCURRENCY   (credentials in NEXUDUS_USERNAME/_PASSWORD)
import http from 'node:http';
import { readFileSync } from 'node:fs';
import got from 'got';

const [file, baseUrl, concurrency] = process.argv.slice(2);
const payloads = JSON.parse(readFileSync(file, 'utf8'));
const api = got.extend({
  prefixUrl: `${baseUrl}/api/`,
  retry: { limit: 0 },
  agent: { http: new http.Agent({ keepAlive: true }) },
});
const token = await api
  .post('token', {
    form: {
      grant_type: 'password',
      username: process.env.NEXUDUS_USERNAME,
      password: process.env.NEXUDUS_PASSWORD,
    },
  })
  .json();
const headers = { authorization: `Bearer ${token.access_token}` };

let next = 0;
let created = 0;
async function worker() {
  while (next < payloads.length) {
    const payload = payloads[next++];
    const reply = await api.post('billing/contractcontacts', { json: payload, headers }).json();
    if (reply.WasSuccessful) created++;
  }
}
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
console.log(JSON.stringify({ rows: payloads.length, created }));
