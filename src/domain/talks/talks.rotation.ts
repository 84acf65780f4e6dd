/**
 * Fair rotation, declared as data: an obligation belongs to the POST, and a talk satisfies it when the talker
 * held that post — or the relation — at any time during the period (not only the holder on its last day).
 * One row per relation: the org table whose dated rows are the post, the column naming the holder, and how a
 * row matches the obligation (`o`: the obligation row with unit_id = the cadre's unit, cadre_id, p_start, p_eval).
 */
import { sql } from 'drizzle-orm';
import { TALK_RELATIONS, type TalkRelation } from '../../db/schema/talks.js';

export interface PostRule {
  /** The post in words (docs/talks.md). */
  post: string;
  table: 'leader_unit_links' | 'leadership_positions' | 'deputy_supervisions' | 'mentoring_pairs';
  holder: string;
  /** SQL condition over `q` (the table row) and `o` (the obligation) naming the same post. */
  samePost: string;
}

export const ROTATION_RULES: Record<TalkRelation, PostRule> = {
  county_leader: {
    post: '联系（分管）该单位的县级领导',
    table: 'leader_unit_links',
    holder: 'leader_person_id',
    samePost: 'q.unit_id = o.unit_id',
  },
  unit_main: {
    post: '该单位主要领导',
    table: 'leadership_positions',
    holder: 'person_id',
    samePost: "q.unit_id = o.unit_id and q.role = 'main'",
  },
  unit_deputy: {
    post: '分管该干部的领导',
    table: 'deputy_supervisions',
    holder: 'deputy_person_id',
    samePost: 'q.cadre_person_id = o.cadre_id',
  },
  mentor: {
    post: '该干部的帮带导师',
    table: 'mentoring_pairs',
    holder: 'mentor_person_id',
    samePost: 'q.mentee_person_id = o.cadre_id',
  },
};

/** `talker` held the obligation's post at some time during [o.p_start, o.p_eval]. */
export function heldPostSql(talker: string) {
  const cases = TALK_RELATIONS.map((r) => {
    const x = ROTATION_RULES[r];
    return `when '${r}' then exists (select 1 from ${x.table} q where q.${x.holder} = ${talker} and ${x.samePost}
      and q.start_date <= o.p_eval and (q.end_date is null or q.end_date > o.p_start))`;
  });
  return sql.raw(`(case o.relation ${cases.join(' ')} else false end)`);
}
