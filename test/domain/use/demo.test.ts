/** 班子结构 on the demo county through Feishu (emulator): the card, the forecast, the what-if, the daily check. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { demoDirectory, generateDemoCounty } from '../../../src/domain/org/demo/generate.js';
import { DEMO_PERSONAS as P } from '../../../src/domain/org/demo/personas.js';
import { figuresFor } from '../../../src/domain/use/promotions/promotions.service.js';
import { structureOf } from '../../../src/domain/use/structure/teams.service.js';
import { useReport } from '../../../src/domain/use/use.report.js';
import { type Emulated, startEmulated } from '../../helpers/emulated.js';

const NOW = '2026-11-30T09:00:00+08:00';
const text = (m: any) => JSON.stringify(m?.content ?? '');

describe('班子结构 on the demo county', () => {
  let emu: Emulated;
  let deps: any;
  let countyId: number;
  beforeAll(async () => {
    const users = demoDirectory(generateDemoCounty({ today: NOW.slice(0, 10) }));
    emu = await startEmulated({ users, now: NOW, env: { SEED_DEMO: 'auto' } });
    deps = { db: emu.handle.db, config: emu.config, clock: emu.clock, outboxWake: () => {} };
    const [c] = rowsOf<{ id: number }>(
      await emu.handle.db.execute(sql`select id from units where kind = 'county' order by id limit 1`),
    );
    countyId = c.id;
  }, 180_000);
  afterAll(async () => emu?.close());
  const card = async (mobile: string) => {
    await emu.deliverAll();
    return (await emu.lastCard(mobile))!;
  };

  it('computes the township teams’ structure from the dated posts', async () => {
    const v = await structureOf(deps, countyId, '2026-11-30');
    // 20 townships × 12 members today: 72 under 35 (30%), 19 under 30 (8%), as the seed says.
    expect(v.township).toMatchObject({ size: 240, young: 72, under30: 19 });
    // The teams elected at the 2021 换届: 243 members, 233 (95.9%) with 2+ years of township work on that day.
    const elected = await structureOf(deps, countyId, '2021-10-01');
    expect(elected.township).toMatchObject({ size: 243, townshipExperience: 233 });
    // Since then 34 arrived (22 born in the 1990s, 12 new 镇长) and 37 left: the dated posts say so.
    const moves = rowsOf<{ arrived: number; left: number }>(
      await emu.handle.db.execute(sql`select
          count(*) filter (where lp.start_date > '2021-10-01' and lp.end_date is null)::int as arrived,
          count(*) filter (where lp.end_date is not null)::int as left
        from leadership_positions lp join units u on u.id = lp.unit_id
       where u.county_id = ${countyId} and u.kind = 'township'`),
    );
    expect(moves[0]).toEqual({ arrived: 34, left: 37 });
    const towns = v.teams.filter((t) => t.kind === 'township');
    expect(towns).toHaveLength(20);
    expect(towns.every((t) => t.measures.young >= 1)).toBe(true);
    // Nothing broken today; within 12 months 城关镇's only member under 35 turns 36 (and the county share drops
    // to 71/240 = 29.6%, under the 30% target) — the warning the demo is generated to show.
    expect(v.breaks.map((b) => [b.rule.id, b.unitName, b.date, b.member?.birthDate])).toEqual([
      ['team_min_young', '城关镇', '2027-04-29', '1991-04-29'],
      ['county_young_share', '示范县', '2027-04-29', '1991-04-29'],
    ]);
    const [promo, part] = await useReport(deps, { from: '2021-10-01', to: '2026-11-30' }, { countyId, unitIds: null });
    expect(promo.figures.find((x) => x.key === 'use.youngRankAdvancements')).toMatchObject({ value: 101, share: 28.5 });
    expect(promo.figures.find((x) => x.key === 'use.promotions')?.value).toBe(187);
    expect(part.figures.find((f) => f.key === 'use.teamYoung')).toMatchObject({ value: 72, share: 30 });
    expect(part.figures.find((f) => f.key === 'use.teamUnder30')).toMatchObject({ value: 19, share: 7.9 });
    expect(part.figures.find((f) => f.key === 'use.termTownshipExperience')).toMatchObject({
      value: 233,
      share: 95.9,
    });
    expect(part.sentences).toContain('乡镇领导班子中35周岁以下的72人，占30%，30周岁以下的19人，占8%。');
    expect(part.sentences).toContain(
      '2021年换届产生的新一届乡镇领导班子243人中，具有2年以上乡镇工作经历的干部达233人，占比95.9%。',
    );
    expect(part.figures.find((f) => f.key === 'use.townshipsWithYoung')?.value).toBe(20);
  });

  it('用 2021-10-01 gives the seed report’s figures from the generated promotion history', async () => {
    await emu.send(P.orgAdmin.mobile, '用 2021-10-01');
    const c = text(await card(P.orgAdmin.mobile));
    expect(c).toContain('职级晋升 **354** 人，其中年轻干部 **101** 人，占 28.5%');
    expect(c).toContain('提拔和进一步使用 **187** 人：乡镇（街道）125 人');
    expect(c).toContain('其中担任乡镇党政正职 **12** 人；“90后”进入乡镇领导班子 **22** 人');
    const f = await figuresFor(deps, countyId, '2022-01-01', '2026-11-30');
    expect([f.rankAdvancements, f.youngRankAdvancements, f.youngRankShare]).toEqual([354, 101, 28.5]);
  });

  it('表彰: the demo batch of 15 攻坚克难好干部, 10 promoted within 12 months, from the promotion history', async () => {
    const [, , awards] = await useReport(deps, { from: '2021-10-01', to: '2026-11-30' }, { countyId, unitIds: null });
    expect(awards.figures.find((x) => x.key === 'use.awards')?.value).toBe(15);
    expect(awards.figures.find((x) => x.key === 'use.awardsPromoted')?.value).toBe(10);
    await emu.send(P.orgAdmin.mobile, '表彰');
    const c = text(await card(P.orgAdmin.mobile));
    expect(c).toContain('**2023年度 攻坚克难好干部**（2024-01-15）：表彰 **15** 人，其后12个月内提拔重用 **10** 人');
    await emu.send(P.townshipMain.mobile, '表彰');
    expect(text(await card(P.townshipMain.mobile))).toContain('班子结构仅限组织部门查看');
  });

  it('六零: the demo year ranks every township; proposals name the top five’s and bottom three’s teams', async () => {
    await emu.send(P.orgAdmin.mobile, '六零');
    await emu.deliverAll();
    const proposals = await card(P.orgAdmin.mobile);
    expect(proposals.content.header.title.content).toBe('六零创建 · 干部使用建议');
    const lines = text(proposals).match(/2025年六零创建第\d+名\/共20个/g) ?? [];
    expect(lines).toHaveLength(8);
    expect(text(proposals)).toContain('建议调整交流');
  });

  it('班子: org_admin gets the card with a chart and a table; others are refused; a bad date is explained', async () => {
    await emu.send(P.orgAdmin.mobile, '班子');
    const c = await card(P.orgAdmin.mobile);
    expect(c.content.header.title.content).toMatch(/^班子结构 · /);
    const tags = c.content.body.elements.map((e: any) => e.tag);
    expect(tags).toContain('chart');
    expect(tags).toContain('table');
    expect(text(c)).toContain('**240**');
    // The seed's figures as the command shows them: 72 (30%) under 35, 19 (7.9% ≈ 8%) under 30.
    expect(text(c)).toContain('35周岁以下 **72** 人（30%）');
    expect(text(c)).toContain('30周岁以下 **19** 人（7.9%）');
    // The teams as elected at the 换届 (TERM_START_DATE): 243 members.
    await emu.send(P.orgAdmin.mobile, '班子 换届');
    const elected = await card(P.orgAdmin.mobile);
    expect(text(elected)).toContain('2021-10-01');
    expect(text(elected)).toContain('**243**');
    expect(text(elected)).toContain('2年以上乡镇工作经历 **233** 人（95.9%）');
    await emu.send(P.orgAdmin.mobile, '班子 2026-13-01');
    expect(text(await card(P.orgAdmin.mobile))).toContain('日期格式有误');
    await emu.send(P.townshipMain.mobile, '班子');
    expect(text(await card(P.townshipMain.mobile))).toContain('班子结构仅限组织部门查看');
  });

  it('班子 预测: 13 monthly points; the what-if shows before and after', async () => {
    await emu.send(P.orgAdmin.mobile, '班子 预测');
    const f = await card(P.orgAdmin.mobile);
    expect(f.content.header.title.content).toMatch(/12 个月预测/);
    const tbl = f.content.body.elements.find((e: any) => e.tag === 'table');
    expect(tbl.rows).toHaveLength(13);
    await emu.send(P.orgAdmin.mobile, '班子');
    const c = await card(P.orgAdmin.mobile);
    const pick = await emu.click(c.message_id, P.orgAdmin.mobile, { a: 'use.whatif.pick' });
    const form = pick.card.data.body.elements.find((e: any) => e.tag === 'form');
    const [personSel, unitSel] = form.elements;
    expect(personSel.options.length).toBeGreaterThan(0);
    const answer = await emu.click(
      c.message_id,
      P.orgAdmin.mobile,
      { a: 'use.whatif' },
      {
        person: personSel.options[0].value,
        unit: unitSel.options[0].value,
      },
    );
    expect(answer.card.data.header.title.content).toBe('班子调整模拟');
    const forged = await emu.click(
      c.message_id,
      P.orgAdmin.mobile,
      { a: 'use.whatif' },
      { person: '999999', unit: unitSel.options[0].value },
    );
    expect(JSON.stringify(forged)).toContain('请选择本县资源库中的干部');
  });

  it('the daily check warns org_admin 12 months ahead, naming the date and the member, once a day', async () => {
    // The last township's only young member turns 36 about five months after the demo date: warned now.
    await emu.setClock('2026-12-01T08:15:00+08:00');
    const first = await emu.runJob('use.structure-check');
    expect(JSON.stringify(first)).toMatch(/"sent":[1-9]/);
    const w = await card(P.orgAdmin.mobile);
    expect(w.content.header.title.content).toMatch(/^班子结构预警/);
    // The team rule names the date and the member; the county share target (30%) is warned too.
    expect(text(w)).toMatch(/镇：(2027-\d\d-\d\d) 起35周岁以下成员少于 1 名（[^ ]+ \1 起超出年龄范围）/);
    expect(text(w)).toMatch(/示范县：2027-\d\d-\d\d 起35周岁以下成员占比低于 30%/);
    const again = await emu.runJob('use.structure-check');
    expect(JSON.stringify(again)).toContain('"sent":0');
  });
});
