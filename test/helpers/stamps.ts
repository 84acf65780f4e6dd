/** Row timestamps for fixtures: the schema has no database defaults, every write states its time. */
import { stamps } from '../../src/db/schema/_columns.js';

/** When fixture rows were "written": a fixed instant, so no test depends on the real date. */
export const FIXTURE_AT = new Date('2026-01-01T00:00:00Z');

/** `createdAt`/`updatedAt` of a fixture row. */
export const T0 = stamps(FIXTURE_AT);
