/**
 * `npm run crash [-- <events>]`: the kill -9 drill at a larger size (default 500 events) on PGlite, or on
 * PostgreSQL when TEST_DATABASE_URL is set. Prints the report; exit 1 unless every event was delivered once.
 */
import { crashDrill } from '../test/helpers/crash.js';

const events = Number(process.argv[2] ?? 500);
const report = await crashDrill({ events, serverUrl: process.env.TEST_DATABASE_URL, timeoutMs: 300_000 });
console.log(JSON.stringify(report, null, 2));
process.exitCode = report.missing === 0 && report.duplicated === 0 && report.inboxOther === 0 ? 0 : 1;
