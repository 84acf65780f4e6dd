import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { stamps } from '../../db/schema/_columns.js';
import { people, units } from '../../db/schema/org.js';
import { talkCadences, talkProblems, talks } from '../../db/schema/talks.js';
import { type Cadence, DEFAULT_CADENCES } from './talks.periods.js';

/** The built-in cadences plus every change org_admin has recorded. */
export async function loadCadences(db: Database): Promise<Cadence[]> {
  const rows = await db
    .select({
      relation: talkCadences.relation,
      periodKind: talkCadences.periodKind,
      effectiveFrom: talkCadences.effectiveFrom,
    })
    .from(talkCadences);
  return [...DEFAULT_CADENCES, ...rows];
}

export interface PersonBrief {
  id: number;
  name: string;
  unitId: number;
  unitName: string;
  position: string | null;
  openId: string | null;
  pinyin: string;
  pinyinInitials: string;
}

/** Names, units and open_ids of people, by id. */
export async function peopleByIds(db: Database, ids: number[]): Promise<Map<number, PersonBrief>> {
  const unique = [...new Set(ids)];
  const out = new Map<number, PersonBrief>();
  // Chunked: a 100k-cadre county would exceed PostgreSQL's 65,535 bind parameters in one IN list.
  for (let i = 0; i < unique.length; i += 5000) {
    for (const r of await peopleChunk(db, unique.slice(i, i + 5000))) out.set(r.id, r);
  }
  return out;
}

function peopleChunk(db: Database, unique: number[]): Promise<PersonBrief[]> {
  return db
    .select({
      id: people.id,
      name: people.name,
      unitId: people.unitId,
      unitName: units.name,
      position: people.position,
      openId: people.openId,
      pinyin: people.pinyin,
      pinyinInitials: people.pinyinInitials,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(inArray(people.id, unique));
}

export interface TalkInsert {
  talkerPersonId: number;
  cadrePersonId: number;
  talkDate: string;
  kind: 'regular' | 'flexible';
  tone: 'encourage' | 'warning';
  topics: string[];
  problems: string[];
  notes: string | null;
  formNonce: string | null;
  createdByPersonId: number;
  eventId: string | null;
}

/** Inserts a talk and its problems; returns the talk id, or null when the form nonce was already used. */
export async function insertTalk(db: Database, t: TalkInsert, at: Date): Promise<number | null> {
  const { problems, ...row } = t;
  const [inserted] = await db
    .insert(talks)
    .values({ ...row, ...stamps(at) })
    .onConflictDoNothing()
    .returning({ id: talks.id });
  if (!inserted) return null;
  if (problems.length > 0) {
    await db.insert(talkProblems).values(problems.map((text) => ({ talkId: inserted.id, text, ...stamps(at) })));
  }
  return inserted.id;
}

/** The talk a form nonce already recorded, with who recorded it (a replay is shown only to that person). */
export async function talkByNonce(
  db: Database,
  nonce: string,
): Promise<{ id: number; createdBy: number | null } | null> {
  const [row] = await db
    .select({ id: talks.id, createdBy: talks.createdByPersonId })
    .from(talks)
    .where(eq(talks.formNonce, nonce));
  return row ?? null;
}

export interface TalkView {
  id: number;
  talkerPersonId: number;
  talkerName: string;
  cadrePersonId: number;
  cadreName: string;
  cadreUnit: string;
  talkDate: string;
  kind: 'regular' | 'flexible';
  tone: 'encourage' | 'warning';
  topics: string[];
  notes: string | null;
  problems: ProblemView[];
}

export interface ProblemView {
  id: number;
  talkId: number;
  text: string;
  status: 'open' | 'solved';
  solvedOn: string | null;
  followUp: string | null;
}

const problemCols = {
  id: talkProblems.id,
  talkId: talkProblems.talkId,
  text: talkProblems.text,
  status: talkProblems.status,
  solvedOn: talkProblems.solvedOn,
  followUp: talkProblems.followUp,
};

export async function talkView(db: Database, id: number): Promise<TalkView | null> {
  const [t] = await db.select().from(talks).where(eq(talks.id, id));
  if (!t) return null;
  const names = await peopleByIds(db, [t.talkerPersonId, t.cadrePersonId]);
  const problems = await db
    .select(problemCols)
    .from(talkProblems)
    .where(eq(talkProblems.talkId, id))
    .orderBy(asc(talkProblems.id));
  const cadre = names.get(t.cadrePersonId);
  return {
    id: t.id,
    talkerPersonId: t.talkerPersonId,
    talkerName: names.get(t.talkerPersonId)?.name ?? '',
    cadrePersonId: t.cadrePersonId,
    cadreName: cadre?.name ?? '',
    cadreUnit: cadre?.unitName ?? '',
    talkDate: t.talkDate,
    kind: t.kind,
    tone: t.tone,
    topics: t.topics,
    notes: t.notes,
    problems,
  };
}

export interface OpenProblem extends ProblemView {
  cadreName: string;
  talkDate: string;
  talkerPersonId: number;
}

/** Problems still open from the talks `talkerId` held, oldest first. */
export async function openProblemsOf(db: Database, talkerId: number, limit = 50): Promise<OpenProblem[]> {
  return db
    .select({ ...problemCols, cadreName: people.name, talkDate: talks.talkDate, talkerPersonId: talks.talkerPersonId })
    .from(talkProblems)
    .innerJoin(talks, eq(talks.id, talkProblems.talkId))
    .innerJoin(people, eq(people.id, talks.cadrePersonId))
    .where(and(eq(talks.talkerPersonId, talkerId), eq(talkProblems.status, 'open')))
    .orderBy(asc(talks.talkDate), asc(talkProblems.id))
    .limit(limit);
}

export async function problemWithTalk(db: Database, problemId: number) {
  const [row] = await db
    .select({ ...problemCols, talkerPersonId: talks.talkerPersonId })
    .from(talkProblems)
    .innerJoin(talks, eq(talks.id, talkProblems.talkId))
    .where(eq(talkProblems.id, problemId));
  return row ?? null;
}

/** Marks an open problem solved; false when it was not open any more. */
export async function markSolved(
  db: Database,
  problemId: number,
  by: number,
  on: string,
  followUp: string | null,
  at: Date,
): Promise<boolean> {
  const rows = await db
    .update(talkProblems)
    .set({ status: 'solved', solvedOn: on, solvedByPersonId: by, followUp, updatedAt: at })
    .where(and(eq(talkProblems.id, problemId), eq(talkProblems.status, 'open')))
    .returning({ id: talkProblems.id });
  return rows.length > 0;
}

/** The latest talks held with a cadre (for the 查询 profile card), and how many there were since `since`. */
export async function recentTalksWith(db: Database, cadreId: number, since: string, limit = 3) {
  const [recent, [{ n }]] = await Promise.all([
    db
      .select({ talkDate: talks.talkDate, kind: talks.kind, tone: talks.tone, talkerName: people.name })
      .from(talks)
      .innerJoin(people, eq(people.id, talks.talkerPersonId))
      .where(eq(talks.cadrePersonId, cadreId))
      .orderBy(desc(talks.talkDate), desc(talks.id))
      .limit(limit),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(talks)
      .where(and(eq(talks.cadrePersonId, cadreId), gte(talks.talkDate, since))),
  ]);
  return { recent, sinceCount: n };
}
