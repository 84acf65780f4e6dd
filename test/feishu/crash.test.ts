import { describe, expect, it } from 'vitest';
import { crashDrill } from '../helpers/crash.js';

// The real process killed with SIGKILL after the 200s and again mid-drain (bench/crash.ts runs it bigger).
describe('kill -9 after the 200 and mid-drain (finding 3)', () => {
  it('processes every acknowledged event and delivers every reply exactly once', async () => {
    const r = await crashDrill({ events: 80, serverUrl: process.env.TEST_DATABASE_URL });
    expect(r.acknowledged).toBe(80);
    expect(r.kills).toBe(2);
    expect({ missing: r.missing, duplicated: r.duplicated, delivered: r.delivered }).toEqual({
      missing: 0,
      duplicated: 0,
      delivered: 80,
    });
    expect(r.inboxOther).toBe(0);
    expect(r.inboxDone).toBe(80);
  }, 240_000);
});
