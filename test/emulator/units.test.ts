import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../src/emulator/faults.js';
import { normalizeMobile, openIdFor } from '../../src/emulator/ids.js';
import { boundaryOf, parseMultipart } from '../../src/emulator/openapi/multipart.js';
import { RateLimits, SlidingWindow } from '../../src/emulator/ratelimit.js';
import { Tenant } from '../../src/emulator/tenant.js';
import { PEOPLE } from './fixtures.js';

describe('SlidingWindow', () => {
  it('allows `limit` calls per window and tells when to come back', () => {
    const w = new SlidingWindow(5, 1000);
    for (let i = 0; i < 5; i++) expect(w.hit('k', 100 + i).ok).toBe(true);
    const refused = w.hit('k', 200);
    expect(refused).toEqual({ ok: false, limit: 5, resetSeconds: 1 });
    expect(w.hit('other', 200).ok).toBe(true);
    expect(w.hit('k', 1100).ok).toBe(true);
  });

  it('applies the per-app limit across receivers and the per-receiver one to each', () => {
    const limits = new RateLimits();
    const verdicts = Array.from({ length: 60 }, (_, i) => limits.check('send', `chat${i % 20}`, 10));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(50);
    const one = new RateLimits();
    const same = Array.from({ length: 7 }, () => one.check('send', 'chat', 10));
    expect(same.map((v) => v.ok)).toEqual([true, true, true, true, true, false, false]);
    expect(same[5].limit).toBe(5);
  });
});

describe('FaultInjector', () => {
  it('injects by share and validates its settings', () => {
    const rolls = [0.1, 0.9, 0.5];
    const f = new FaultInjector(() => rolls.shift() ?? 1);
    f.set({ rate429: 0.2 });
    expect([f.pick(), f.pick()]).toEqual(['429', null]);
    expect(() => f.set({ rate429: 2 })).toThrow();
  });
});

describe('tenant directory', () => {
  const tenant = new Tenant('cli_0000000000000000');
  tenant.add(PEOPLE);

  it('derives stable Feishu-looking ids from the mobile', () => {
    const u = tenant.byId('mobile', '13900000001')!;
    expect(u.open_id).toMatch(/^ou_[0-9a-f]{32}$/);
    expect(u.open_id).toBe(openIdFor('13900000001'));
    expect(u.union_id).toMatch(/^on_[0-9a-f]{32}$/);
    expect(new Tenant('cli_0000000000000000').add([PEOPLE[0]])[0]).toEqual(u);
  });

  it.each([
    ['+86 139-0000-0001', '13900000001'],
    ['8613900000001', '13900000001'],
    ['139 0000 0001', '13900000001'],
  ])('normalises mobile %s', (raw, want) => expect(normalizeMobile(raw)).toBe(want));

  it('finds people by open_id, mobile, email or a unique name, and reports namesakes', () => {
    const u = tenant.byId('mobile', '13900000002')!;
    expect(tenant.find(u.open_id)).toBe(u);
    expect(tenant.find('ZHAOJIANGUO@example.gov.cn')).toBe(u);
    expect(tenant.find('赵建国')).toBe(u);
    expect(tenant.find('王磊')).toMatchObject({ ambiguous: [{ unit: '白水镇' }, { unit: '县教育局' }] });
    expect(tenant.find('无此人')).toBeUndefined();
  });

  it('puts county leaders and org admins in the leaders’ group', () => {
    const members = [...tenant.leadersChat.members].map((id) => tenant.byId('open_id', id)!.name);
    expect(members.sort()).toEqual(['林晓燕', '赵建国'].sort());
    expect(tenant.leadersChat.chat_id).toMatch(/^oc_[0-9a-f]{32}$/);
  });

  it('is idempotent for the same person', () => {
    const before = tenant.size;
    tenant.add([PEOPLE[0]]);
    expect(tenant.size).toBe(before);
  });
});

describe('multipart reader', () => {
  it('reads fields and a file part without filename (as the SDK sends it)', () => {
    const b = '----x1';
    const body = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file_type"\r\n\r\nxls\r\n`),
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file_name"\r\n\r\n台账.xlsx\r\n`),
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from([0, 1, 2, 13, 10, 255]),
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    expect(boundaryOf(`multipart/form-data; boundary=${b}`)).toBe(b);
    const parsed = parseMultipart(body, b);
    expect(parsed.fields).toMatchObject({ file_type: 'xls', file_name: '台账.xlsx' });
    expect([...parsed.parts.file.data]).toEqual([0, 1, 2, 13, 10, 255]);
  });
});
