/**
 * Demo step (after org, pool and the others): the promotion history of every demo county since the 2021
 * 换届, generated so that `用 2021-10-01` gives the seed report's figures — 101 young cadres among 354 rank
 * advancements (28.5%, all since 2022), 187 promotions, 125 of them in townships with 12 to chief posts,
 * 22 born in the 1990s into township teams. The township teams' moves since the 换届 are the org demo's
 * (src/domain/org/demo/term.ts): the 12 new 镇长 and the 22 “90后” are recorded on the day their post started,
 * and every member who left a township team with a 交流 on the day the post ended. The other records
 * (ranks, 进一步使用 within a team, department promotions) do not change a post.
 */
import { and, eq, like, sql } from 'drizzle-orm';
import { today } from '../../clock.js';
import { rowsOf } from '../../db/client.js';
import { units } from '../../db/schema/org.js';
import { useRankings } from '../../db/schema/use.js';
import type { Deps } from '../../deps.js';
import { addDays, daysBetween } from '../../time.js';
import { youngBirthCutoff } from '../org/org.rules.js';
import { AWARD_FOLLOW_MONTHS, addMonths } from './awards/awards.rules.js';
import { writeAwards } from './awards/awards.service.js';

export const DEMO_USE = {
  rankYoung: 101,
  rankOther: 253,
  townshipChief: 12,
  townshipPost90: 22,
  townshipOther: 91,
  department: 62,
} as const;

export const DEMO_AWARDS = {
  kind: '攻坚克难好干部',
  batch: '2023年度',
  date: '2024-01-15',
  /** Awardees promoted (提拔/进一步使用) within 12 months of the award, taken from the promotion history. */
  promoted: 10,
  /** Awardees without any promotion record. */
  others: 5,
} as const;

const HANDOVER = '2021-11-01';
const RANK_FROM = '2022-01-01';

export async function seedDemoUse(deps: Deps): Promise<string[]> {
  const day = today(deps);
  const at = deps.clock.now();
  const counties = await deps.db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.kind, 'county'), like(units.code, 'SFX%')))
    .orderBy(units.id);
  let written = 0;
  let awarded = 0;
  let ranked = 0;
  for (const c of counties) {
    written += await seedCounty(deps, c.id, day, at);
    awarded += await seedAwards(deps, c.id, at);
    ranked += await seedRankings(deps, c.id, Number(day.slice(0, 4)) - 1, at);
  }
  return [
    `提拔/职级晋升记录 ${written} 条（2021年换届以来）`,
    `表彰 ${awarded} 人（${DEMO_AWARDS.batch} ${DEMO_AWARDS.kind}）`,
    `六零创建排名 ${ranked} 条（${Number(day.slice(0, 4)) - 1}年）`,
  ];
}

/** A date spread over [from, to) by index: deterministic. */
const spread = (from: string, to: string, i: number, n: number) =>
  addDays(from, Math.floor((daysBetween(from, to) * (i + 0.5)) / Math.max(1, n)));

type Picked = { id: number; unit_id: number; position: string | null; rank: string | null; date?: string };

async function seedCounty(deps: Deps, countyId: number, day: string, at: Date): Promise<number> {
  const term = deps.config.termStartDate;
  // Young on every date since 2022: young today (the bound is ≥ 35 full years, they were younger before).
  const youngCut = youngBirthCutoff(day, deps.config.youngCadreMaxAge);
  const oldCut = youngBirthCutoff(RANK_FROM, 45);
  // Not those who left a township team since the 换届: their records are the 交流 below (their current unit and
  // post are not where they were on the earlier dates these records get).
  const pick = async (where: ReturnType<typeof sql>, n: number, offset = 0) =>
    rowsOf<Picked>(
      await deps.db.execute(sql`
        select p.id, p.unit_id, p.position, p.rank from people p join units u on u.id = p.unit_id
         where u.county_id = ${countyId} and p.active and ${where}
           and not exists (select 1 from leadership_positions x join units xt on xt.id = x.unit_id
                            where x.person_id = p.id and xt.kind = 'township' and x.end_date is not null)
         order by p.id limit ${n} offset ${offset}`),
    );
  const townTeam = sql`exists (select 1 from leadership_positions lp join units t on t.id = lp.unit_id
      where lp.person_id = p.id and lp.end_date is null and t.kind = 'township')`;
  const deptUnit = sql`u.kind = 'county_department'`;
  const young = await pick(sql`p.birth_date > ${youngCut} and not ${townTeam}`, DEMO_USE.rankYoung);
  const older = await pick(sql`p.birth_date <= ${oldCut} and not ${townTeam}`, DEMO_USE.rankOther);
  // Township team posts taken since the 换届: the day the post started is the promotion's.
  const arrived = async (where: ReturnType<typeof sql>, n: number) =>
    rowsOf<Picked>(
      await deps.db.execute(sql`
        select p.id, lp.unit_id, lp.title as position, p.rank, lp.start_date::text as date
          from leadership_positions lp join units t on t.id = lp.unit_id join people p on p.id = lp.person_id
         where t.county_id = ${countyId} and t.kind = 'township' and lp.end_date is null
           and lp.start_date > ${term} and ${where}
         order by lp.start_date, p.id limit ${n}`),
    );
  const chiefs = await arrived(
    sql`lp.title like '%镇长' and lp.title not like '副%' and p.birth_date < '1990-01-01'`,
    DEMO_USE.townshipChief,
  );
  const post90 = await arrived(sql`p.birth_date between '1990-01-01' and '1999-12-31'`, DEMO_USE.townshipPost90);
  const chiefIds = chiefs.length > 0 ? sql`p.id not in ${chiefs.map((c) => c.id)}` : sql`true`;
  const townOther = await pick(
    sql`${townTeam} and p.birth_date < '1990-01-01' and ${chiefIds}`,
    DEMO_USE.townshipOther,
  );
  // Members of the elected teams who left a township team since: 交流 to where they are now.
  const left = rowsOf<{
    id: number;
    from_unit: number;
    from_post: string;
    date: string;
    unit_id: number;
    position: string | null;
  }>(
    await deps.db.execute(sql`
      select p.id, lp.unit_id as from_unit, lp.title as from_post, lp.end_date::text as date, p.unit_id, p.position
        from leadership_positions lp join units t on t.id = lp.unit_id join people p on p.id = lp.person_id
       where t.county_id = ${countyId} and t.kind = 'township' and lp.end_date is not null
         and lp.start_date <= ${term} and lp.end_date > ${term}
       order by lp.end_date, p.id`),
  );
  const dept = await pick(sql`${deptUnit} and p.birth_date < '1990-01-01'`, DEMO_USE.department);
  const rows: Record<string, unknown>[] = [];
  const add = (
    list: typeof young,
    kind: string,
    from: string,
    role: string | null,
    toPost: (p: (typeof young)[number]) => string | null,
    toLevel: string | null,
  ) => {
    list.forEach((p, i) => {
      const date = p.date ?? spread(from, day, i, list.length);
      rows.push({
        person_id: p.id,
        date,
        kind,
        unit: p.unit_id,
        from_post: p.position,
        to_post: toPost(p),
        to_level: toLevel,
        role,
        doc: `示组干〔${date.slice(0, 4)}〕${i + 1}号`,
      });
    });
  };
  add(young, 'rank', RANK_FROM, null, () => null, '一级科员');
  add(older, 'rank', RANK_FROM, null, () => null, '四级主任科员');
  add(chiefs, 'promotion', HANDOVER, 'main', (p) => p.position, '正科');
  add(post90, 'promotion', HANDOVER, 'deputy', (p) => p.position, '副科');
  add(townOther, 'reuse', HANDOVER, 'deputy', (p) => p.position, '副科');
  add(dept, 'promotion', HANDOVER, 'deputy', (p) => p.position, '副科');
  left.forEach((p, i) => {
    rows.push({
      person_id: p.id,
      date: p.date,
      kind: 'exchange',
      from_unit: p.from_unit,
      unit: p.unit_id,
      from_post: p.from_post,
      to_post: p.position,
      to_level: null,
      role: null,
      doc: `示组干〔${p.date.slice(0, 4)}〕${500 + i}号`,
    });
  });
  if (rows.length === 0) return 0;
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.person_id}::int, ${countyId}::int, ${r.date}::date, ${r.kind}, ${r.from_unit ?? r.unit}::int, ${r.from_post}, ${r.unit}::int, ${r.to_post}, ${r.to_level}, ${r.role}, ${r.doc}, 'demo', ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  await deps.db.execute(sql`insert into use_promotions (person_id, county_id, date, kind, from_unit_id, from_post,
    to_unit_id, to_post, to_level, to_role, doc_no, source, created_at, updated_at) values ${values}`);
  return rows.length;
}

/**
 * One batch of 攻坚克难好干部: 10 cadres whose generated promotion (提拔/进一步使用) falls within 12 months after
 * the award date, and 5 with no promotion record — so `表彰` finds 15 awarded, 10 promoted, from the data.
 */
async function seedAwards(deps: Deps, countyId: number, at: Date): Promise<number> {
  const until = addMonths(DEMO_AWARDS.date, AWARD_FOLLOW_MONTHS);
  const promoted = rowsOf<{ id: number }>(
    await deps.db.execute(sql`
      select distinct pr.person_id as id from use_promotions pr
       where pr.county_id = ${countyId} and pr.kind in ('promotion', 'reuse')
         and pr.date >= ${DEMO_AWARDS.date} and pr.date <= ${until}
       order by pr.person_id limit ${DEMO_AWARDS.promoted}`),
  );
  const others = rowsOf<{ id: number }>(
    await deps.db.execute(sql`
      select p.id from people p join units u on u.id = p.unit_id
       where u.county_id = ${countyId} and p.active and u.kind in ('township', 'county_department')
         and not exists (select 1 from use_promotions pr where pr.person_id = p.id)
       order by p.id limit ${DEMO_AWARDS.others}`),
  );
  const people = [...promoted, ...others];
  if (people.length === 0) return 0;
  await writeAwards(
    deps.db,
    countyId,
    people.map((p, i) => ({
      line: i + 2,
      kind: DEMO_AWARDS.kind,
      batch: DEMO_AWARDS.batch,
      date: DEMO_AWARDS.date,
      personId: Number(p.id),
      name: '',
    })),
    at,
  );
  return people.length;
}

/** One year of 六零创建 rankings for the county's townships: a fixed permutation of their ids, scores by rank. */
async function seedRankings(deps: Deps, countyId: number, year: number, at: Date): Promise<number> {
  const towns = await deps.db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.countyId, countyId), eq(units.kind, 'township'), eq(units.active, true)))
    .orderBy(units.id);
  if (towns.length === 0) return 0;
  const order = [...towns].sort((a, b) => ((a.id * 7919) % 101) - ((b.id * 7919) % 101) || a.id - b.id);
  await deps.db.insert(useRankings).values(
    order.map((t, i) => ({
      countyId,
      year,
      unitId: t.id,
      score: (98 - i * 1.5).toFixed(1),
      rank: i + 1,
      createdAt: at,
      updatedAt: at,
    })),
  );
  return order.length;
}
