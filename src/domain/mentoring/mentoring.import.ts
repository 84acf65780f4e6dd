/** 结对帮带 xlsx import: every row checked, then all rows written in one transaction — or none. */
import { eq, or } from 'drizzle-orm';
import { today } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { people } from '../../db/schema/org.js';
import { audit } from '../org/org.audit.js';
import { type MentoringDeps, type PairInput, pairProblem, writePair } from './mentoring.service.js';
import type { SheetRow } from './mentoring.xlsx.js';

export interface ImportResult {
  total: number;
  written: number;
  errors: { line: number; message: string }[];
}

/** Resolves a person by ID number / person key, else by a unique name. */
async function resolvePerson(db: Database, name: string, key: string, role: string): Promise<number | string> {
  if (key) {
    const rows = await db
      .select({ id: people.id, name: people.name })
      .from(people)
      .where(or(eq(people.personKey, key), eq(people.idNumber, key)));
    if (rows.length === 0) return `未找到身份证号为 ${key} 的${role}`;
    if (name && rows[0].name !== name) return `${role}姓名「${name}」与身份证号不符（系统中为「${rows[0].name}」）`;
    return rows[0].id;
  }
  if (!name) return `缺少${role}姓名`;
  const rows = await db.select({ id: people.id }).from(people).where(eq(people.name, name)).limit(2);
  if (rows.length === 0) return `未找到${role}「${name}」`;
  if (rows.length > 1) return `${role}「${name}」有重名，请填写${role}身份证号`;
  return rows[0].id;
}

const normaliseDate = (s: string) =>
  s
    .replace(/[./年月]/g, '-')
    .replace(/日$/, '')
    .replace(/-(\d)(?=-|$)/g, '-0$1');

async function checkRow(deps: MentoringDeps, r: SheetRow, today: string): Promise<PairInput | string> {
  if (r.problem) return r.problem;
  const mentor = await resolvePerson(deps.db, r.mentor, r.mentorKey, '导师');
  if (typeof mentor === 'string') return mentor;
  const mentee = await resolvePerson(deps.db, r.mentee, r.menteeKey, '帮带对象');
  if (typeof mentee === 'string') return mentee;
  const input = {
    mentorId: mentor,
    menteeId: mentee,
    startDate: r.startDate ? normaliseDate(r.startDate) : today,
    plan: r.plan || null,
  };
  return (await pairProblem(deps.db, input, today, deps.config.youngCadreMaxAge, deps.config.youngCadreLabel)) ?? input;
}

export async function importPairs(
  deps: MentoringDeps,
  actorId: number,
  rows: SheetRow[],
  meta: { eventId: string | null; fileName: string },
): Promise<ImportResult> {
  const day = today(deps);
  const errors: ImportResult['errors'] = [];
  const inputs: PairInput[] = [];
  const seen = new Map<number, number>();
  for (const r of rows) {
    const checked = await checkRow(deps, r, day);
    if (typeof checked === 'string') {
      errors.push({ line: r.line, message: checked });
      continue;
    }
    const dup = seen.get(checked.menteeId);
    if (dup) errors.push({ line: r.line, message: `帮带对象与第 ${dup} 行重复` });
    seen.set(checked.menteeId, r.line);
    inputs.push(checked);
  }
  if (rows.length === 0) errors.push({ line: 1, message: '文件中没有数据行' });
  if (errors.length > 0) return { total: rows.length, written: 0, errors };
  await deps.db.transaction(async (tx) => {
    for (const p of inputs) await writePair(tx, p, actorId, deps.clock.now(), meta.eventId);
    await audit(tx, deps.clock.now(), {
      actorPersonId: actorId,
      action: 'mentoring.import',
      entity: 'mentoring_pair',
      eventId: meta.eventId,
      detail: { fileName: meta.fileName, rows: inputs.length },
    });
  });
  return { total: rows.length, written: inputs.length, errors };
}
