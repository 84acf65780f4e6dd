/**
 * Scheduled pushes to the leaders' group (counts only) and to org_admin privately: the weekly county digest
 * (every capability's `digest`), the monthly summary and the quarterly report (card + Word). Each job runs daily,
 * sends on the first workday of its week / month / quarter, once per slot across instances (the send ledger).
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import type { OutboundMessage } from '../../feishu/outbox.js';
import type { Job } from '../../jobs/job.js';
import { addDays, localDate } from '../../time.js';
import { leadersChatId } from '../chats/chats.queries.js';
import { orgAdminsOf } from '../org/org.admins.js';
import { weekday } from '../talks/talks.calendar.js';
import { loadCalendar } from '../talks/talks.calendar.queries.js';
import { sendOnce, sentSince } from '../talks/talks.ledger.js';
import { peopleByIds } from '../talks/talks.queries.js';
import { digestCard, reportCard } from './reports.cards.js';
import { renderReport } from './reports.render.js';
import { buildReport, type CapabilityList } from './reports.service.js';
import type { DigestSection, ReportPeriod } from './reports.types.js';

type Resolver = (deps: Deps) => Promise<string | null>;
const defaultChat: Resolver = (deps) => leadersChatId(deps.db);

/** Every capability's digest block for `today`, in order. */
export async function digestSections(deps: Deps, caps: CapabilityList, today: string): Promise<DigestSection[]> {
  const out: DigestSection[] = [];
  for (const c of caps()) {
    const s = c.digest ? await c.digest(deps, today) : null;
    if (s) out.push(s);
  }
  return out.sort((a, b) => a.order - b.order);
}

export async function runCountyDigest(deps: Deps, caps: CapabilityList, firedAt: Date, chat: Resolver = defaultChat) {
  const today = localDate(firedAt, deps.config.timezone);
  const monday = addDays(today, -((weekday(today) + 6) % 7));
  const calendar = await loadCalendar(deps.db);
  if (!calendar.isWorkday(today)) return { date: today, sent: false, skipped: '非工作日' };
  const chatId = await chat(deps);
  if (!chatId) return { date: today, sent: false, skipped: '未设置领导群' };
  const recipient = `chat:${chatId}`;
  if (await sentSince(deps.db, recipient, 'digest', addDays(monday, -1))) {
    return { date: today, sent: false, skipped: '本周已发送' };
  }
  const sections = await digestSections(deps, caps, today);
  const mentions = deps.config.reports.mentions
    ? await mentionIds(deps, sections, deps.config.reports.mentionsMax)
    : undefined;
  const card = digestCard(`干部工作周报（${monday} 当周）`, '选育管用各项工作提示（仅统计数字）', sections, mentions);
  const sent = await sendOnce(
    deps.db,
    deps.clock.now(),
    { recipient, kind: 'digest', localDate: today, itemCount: sections.length },
    { kind: 'send', to: { chatId }, card },
  );
  deps.outboxWake();
  return { date: today, sent, sections: sections.map((s) => s.title) };
}

/**
 * The open_ids to @mention under the digest: the sections' leaders concerned, in section order, each once, bound
 * accounts only, at most `max` (the rest counted).
 */
export async function mentionIds(
  deps: Pick<Deps, 'db'>,
  sections: DigestSection[],
  max: number,
): Promise<{ openIds: string[]; more: number }> {
  const ids = [...new Set(sections.flatMap((s) => s.concerned ?? []))];
  if (ids.length === 0) return { openIds: [], more: 0 };
  const people = await peopleByIds(deps.db, ids);
  const bound = ids.map((id) => people.get(id)?.openId).filter((o): o is string => !!o);
  return { openIds: bound.slice(0, max), more: Math.max(0, bound.length - max) };
}

/** The previous whole month / quarter before `today`, and the first day of the running one. */
export function previousSlot(today: string, months: 1 | 3): { period: ReportPeriod; slotStart: string; label: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const startMonth = months === 1 ? m : Math.floor((m - 1) / 3) * 3 + 1;
  const slotStart = `${y}-${String(startMonth).padStart(2, '0')}-01`;
  let py = y;
  let pm = startMonth - months;
  if (pm < 1) {
    pm += 12;
    py -= 1;
  }
  const from = `${py}-${String(pm).padStart(2, '0')}-01`;
  const period = { from, to: addDays(slotStart, -1) };
  const label = months === 1 ? `${py}年${pm}月` : `${py}年第${['一', '二', '三', '四'][(pm - 1) / 3]}季度`;
  return { period, slotStart, label };
}

async function firstCounty(deps: Deps): Promise<number | null> {
  const [row] = rowsOf<{ id: number }>(
    await deps.db.execute(sql`select id from units where kind = 'county' order by sort_order, id limit 1`),
  );
  return row ? Number(row.id) : null;
}

/** Monthly summary (card) or quarterly report (card + Word) of the previous month / quarter. */
export async function runPeriodicReport(
  deps: Deps,
  caps: CapabilityList,
  firedAt: Date,
  months: 1 | 3,
  chat: Resolver = defaultChat,
) {
  const today = localDate(firedAt, deps.config.timezone);
  const kind = months === 1 ? ('monthly' as const) : ('quarterly' as const);
  const { period, slotStart, label } = previousSlot(today, months);
  const calendar = await loadCalendar(deps.db);
  if (!calendar.isWorkday(today)) return { date: today, sent: 0, skipped: '非工作日' };
  const countyId = await firstCounty(deps);
  if (countyId === null) return { date: today, sent: 0, skipped: '没有县级单位' };
  const chatId = await chat(deps);
  const admins = (await orgAdminsOf(deps.db, countyId)).filter((a) => a.openId);
  const recipients = [
    ...(chatId ? [{ recipient: `chat:${chatId}`, to: { chatId } }] : []),
    ...admins.map((a) => ({ recipient: `person:${a.personId}`, to: { openId: a.openId } })),
  ];
  const doc = await buildReport(deps, caps(), period, { countyId, unitIds: null }, { scopeLabel: '全县', asOf: today });
  doc.title = months === 1 ? `${label}工作小结` : `${label}工作进展汇报`;
  const card = reportCard(doc);
  const word = months === 3 ? await renderReport(doc, 'docx') : null;
  let sent = 0;
  for (const r of recipients) {
    if (await sentSince(deps.db, r.recipient, kind, addDays(slotStart, -1))) continue;
    const messages: OutboundMessage[] = [{ kind: 'send', to: r.to, card }];
    if (word) messages.push({ kind: 'file', to: r.to, fileName: word.fileName, data: word.data });
    if (await sendOnce(deps.db, deps.clock.now(), { recipient: r.recipient, kind, localDate: today }, ...messages))
      sent++;
  }
  deps.outboxWake();
  return { date: today, sent, period: `${period.from}..${period.to}` };
}

export function reportJobs(deps: Deps, caps: CapabilityList, chat: Resolver = defaultChat): Job[] {
  const r = deps.config.reports;
  return [
    {
      name: 'reports.digest',
      cron: r.digestCron,
      description: '县域干部工作周报：每周第一个工作日向领导群发送各项工作提示（谈话逾期等，仅统计数字）',
      run: (at) => runCountyDigest(deps, caps, at, chat),
    },
    {
      name: 'reports.monthly',
      cron: r.monthlyCron,
      description: '月度工作小结：每月第一个工作日向领导群和组织部门私聊发送上月工作进展（卡片）',
      run: (at) => runPeriodicReport(deps, caps, at, 1, chat),
    },
    {
      name: 'reports.quarterly',
      cron: r.quarterlyCron,
      description: '季度工作进展汇报：每季度第一个工作日向领导群和组织部门私聊发送上季度汇报（卡片 + Word）',
      run: (at) => runPeriodicReport(deps, caps, at, 3, chat),
    },
  ];
}
