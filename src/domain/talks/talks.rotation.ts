/**
 * Fair rotation, declared as data: an obligation belongs to the POST, and a talk satisfies it when the talker
 * held that post — or the relation — at any time during the period (not only the holder on its last day).
 * One row per relation: the org table whose dated rows are the post, the column naming the holder, and the
 * column naming the post — matched against the obligation's unit (the cadre's unit) or its cadre.
 */
import { type SQL, sql } from 'drizzle-orm';
import { TALK_RELATIONS, type TalkRelation } from '../../db/schema/talks.js';

export interface PostRule {
  /** The post in words (docs/talks.md). */
  post: string;
  table: 'leader_unit_links' | 'leadership_positions' | 'deputy_supervisions' | 'mentoring_pairs';
  holder: string;
  /** The column of the table row `q` naming the post: a unit's post, or a post toward one cadre. */
  postKey: 'unit_id' | 'cadre_person_id' | 'mentee_person_id';
  /** What the post key is matched against in the obligation: the cadre's unit, or the cadre himself. */
  keyOf: 'unit' | 'cadre';
  /** Extra SQL condition over `q` (the table row), if the table holds other posts too. */
  where?: string;
}

export const ROTATION_RULES: Record<TalkRelation, PostRule> = {
  county_leader: {
    post: '联系（分管）该单位的县级领导',
    table: 'leader_unit_links',
    holder: 'leader_person_id',
    postKey: 'unit_id',
    keyOf: 'unit',
  },
  unit_main: {
    post: '该单位主要领导',
    table: 'leadership_positions',
    holder: 'person_id',
    postKey: 'unit_id',
    keyOf: 'unit',
    where: "q.role = 'main'",
  },
  unit_deputy: {
    post: '分管该干部的领导',
    table: 'deputy_supervisions',
    holder: 'deputy_person_id',
    postKey: 'cadre_person_id',
    keyOf: 'cadre',
  },
  mentor: {
    post: '该干部的帮带导师',
    table: 'mentoring_pairs',
    holder: 'mentor_person_id',
    postKey: 'mentee_person_id',
    keyOf: 'cadre',
  },
};

/** `q` (a row of the relation's table) held its post at some time during [s.p_start, s.p_eval]. */
const heldDuring = (x: PostRule) =>
  `q.start_date <= s.p_eval and (q.end_date is null or q.end_date > s.p_start)${x.where ? ` and ${x.where}` : ''}`;

/**
 * The talks that count for each post, per spec `s` (columns i, relation, p_start, p_eval): every talk `x` with a
 * cadre dated in [s.p_start, s.p_eval] whose talker held the post at some time during that span, as rows
 * (i, post_key, cadre, talk_date). A post toward one cadre (deputy, mentor) is checked per talk (EXISTS on
 * talker and cadre); a unit's post is joined through the distinct (unit, holder) pairs of the span, so a talk
 * is counted once per post however many rows its talker has. `talkFilter` is an extra condition over `x`.
 */
export function postTalksSql(specs: SQL, talkFilter: SQL): SQL {
  const parts = TALK_RELATIONS.map((r) => {
    const x = ROTATION_RULES[r];
    const rel = sql.raw(`'${r}'`);
    if (x.keyOf === 'cadre')
      return sql`select s.i, x.cadre_person_id as post_key, x.cadre_person_id as cadre, x.talk_date
        from ${specs} join talks x on s.relation = ${rel} and x.talk_date between s.p_start and s.p_eval
       where ${talkFilter} and exists (select 1 from ${sql.raw(x.table)} q where q.${sql.raw(x.holder)} = x.talker_person_id
         and q.${sql.raw(x.postKey)} = x.cadre_person_id and ${sql.raw(heldDuring(x))})`;
    return sql`select h.i, h.post_key, x.cadre_person_id as cadre, x.talk_date
        from (select distinct s.i, s.p_start, s.p_eval, q.${sql.raw(x.postKey)} as post_key, q.${sql.raw(x.holder)} as holder
                from ${specs} join ${sql.raw(x.table)} q on s.relation = ${rel} and ${sql.raw(heldDuring(x))}) h
        join talks x on x.talker_person_id = h.holder and x.talk_date between h.p_start and h.p_eval
       where ${talkFilter}`;
  });
  return sql.join(
    parts,
    sql`
    union all
    `,
  );
}

/** The obligation `o`'s post key (o.unit_id or o.cadre_id, by o.relation) — what postHoldersSql's post_key names. */
export function obligationPostKeySql() {
  const cases = TALK_RELATIONS.map(
    (r) => `when '${r}' then o.${ROTATION_RULES[r].keyOf === 'unit' ? 'unit_id' : 'cadre_id'}`,
  );
  return sql.raw(`(case o.relation ${cases.join(' ')} end)`);
}
