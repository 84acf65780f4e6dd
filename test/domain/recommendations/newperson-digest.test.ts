/** A new person recommended with the roster's required fields; concurrent duplicates; the daily review digest. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, people } from '../../../src/db/schema/org.js';
import { recommendations } from '../../../src/db/schema/recommendations.js';
import { idCheckChar } from '../../../src/domain/org/org.rules.js';
import { sendReviewDigest } from '../../../src/domain/recommendations/recommendations.jobs.js';
import { recommender, submitRecommendation } from '../../../src/domain/recommendations/recommendations.service.js';
import {
  buildWorld,
  buttons,
  click,
  lastOutboxId,
  REC_TEXT,
  say,
  sentSince,
  text,
  type World,
} from '../selection/world.js';

const id = (first17: string) => first17 + idCheckChar(first17);
const NEW = { name: '孙新人', education: '研究生', position: '办公室科员', mobile: '13812345678', ...REC_TEXT };

describe('new person, duplicates, digest', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld();
  });
  afterAll(async () => w.bot.close());

  it('offers only the units of the list scope on the new-person form', async () => {
    const res = await click(w, '教育联络', { a: 'recommendations.newPerson', list: 'B' });
    const units = JSON.stringify(res.card?.data);
    expect(units).toContain('县第一中学');
    expect(units).toContain('县教育局');
    expect(units).not.toContain('青山镇');
  });

  it('registers the new person from the ID number (birth date, gender) and recommends; audited', async () => {
    const idNumber = id('43012319970315002'); // 1997-03-15, 17th digit 2 → 女
    const res = await click(
      w,
      '青山党委',
      { a: 'recommendations.submitNew', list: 'A' },
      { ...NEW, idNumber, unitId: String(w.u.qingshan) },
    );
    expect(res.toast).toEqual({ type: 'success', content: '已登记并提交推荐' });
    const [p] = await w.db.select().from(people).where(eq(people.name, '孙新人'));
    expect(p).toMatchObject({
      personKey: `id:${idNumber}`,
      birthDate: '1997-03-15',
      gender: '女',
      unitId: w.u.qingshan,
      pinyinInitials: 'sxr',
    });
    const [rec] = await w.db.select().from(recommendations).where(eq(recommendations.personId, p.id));
    expect(rec).toMatchObject({ list: 'A', status: 'pending' });
    const audit = await w.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(p.id)));
    expect(audit.map((a) => a.action)).toContain('person.create');
  });

  it('refuses a bad ID number, a unit outside scope, a known ID number and an over-age person', async () => {
    const base = { ...NEW, unitId: String(w.u.qingshan) };
    const bad = await click(
      w,
      '青山党委',
      { a: 'recommendations.submitNew', list: 'A' },
      { ...base, idNumber: '430123199703150020' },
    );
    expect(bad.toast?.content).toContain('身份证号格式不正确');
    const other = await click(
      w,
      '青山党委',
      { a: 'recommendations.submitNew', list: 'A' },
      { ...base, idNumber: id('43012319960101003'), unitId: String(w.u.baishui) },
    );
    expect(other.toast).toEqual({ type: 'error', content: '所选单位不在您的推荐范围内' });
    const known = await click(
      w,
      '青山党委',
      { a: 'recommendations.submitNew', list: 'A' },
      { ...base, idNumber: id('43012319970315002') },
    );
    expect(known.toast?.content).toBe('该身份证号已登记为孙新人（青山镇），请通过“查找”选择该同志');
    const old = await click(
      w,
      '青山党委',
      { a: 'recommendations.submitNew', list: 'A' },
      { ...base, name: '孙老', idNumber: id('43012319800101003') },
    );
    expect(old.toast?.content).toContain('孙老已满36周岁');
    expect(await w.db.select().from(people).where(eq(people.name, '孙老'))).toHaveLength(0);
  });

  it('two simultaneous recommendations of one person on one list: one is written, the other refused', async () => {
    const r = await recommender(w.bot.deps, w.p.青山党委);
    const input = { list: 'A' as const, personId: w.p.快满, ...REC_TEXT };
    const results = await Promise.allSettled([
      submitRecommendation(w.bot.deps, r, input),
      submitRecommendation(w.bot.deps, r, input),
    ]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((x) => x.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.message).toContain('无需重复推荐');
    expect(await w.db.select().from(recommendations).where(eq(recommendations.personId, w.p.快满))).toHaveLength(1);
  });

  it('lists pending recommendations for org_admin and sends the daily digest only when many wait', async () => {
    const before = await lastOutboxId(w);
    await say(w, '林组织', '推荐审核');
    const [card] = await sentSince(w, before);
    expect(text(card.content)).toContain('待审核推荐共 **2** 条');
    expect(buttons(card.content).filter((b) => b.a === 'recommendations.review')).toHaveLength(2);
    expect(await sendReviewDigest(w.bot.deps)).toEqual({ counties: 0, messages: 0 });
    w.bot.deps.config.selection.reviewDigestMin = 2;
    const mid = await lastOutboxId(w);
    expect(await sendReviewDigest(w.bot.deps)).toEqual({ counties: 1, messages: 2 });
    const digests = await sentSince(w, mid);
    expect(digests.map((d) => d.target).sort()).toEqual(['ou_周组织', 'ou_林组织']);
    expect(text(digests[0].content)).toContain('有 2 条推荐待审核');
    expect(text(digests[0].content)).toContain('单位党组织 2 条');
    const denied = await click(w, '青山党委', { a: 'recommendations.pending', page: 0 });
    expect(denied.toast).toEqual({ type: 'error', content: '推荐审核仅限组织部门' });
  });
});
