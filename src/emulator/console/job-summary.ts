/**
 * A job run's result as one Chinese line for the console's toast: what was sent to whom and how many, never raw
 * JSON with English keys. Known jobs get their own sentence; any other result is read through a key dictionary,
 * and keys nobody translated are only counted.
 */
type Result = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** 2026-12-28 → 2026年12月28日 */
function day(v: unknown): string {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : '';
}

function skipReason(v: unknown): string {
  if (v === 'not_workday') return '非工作日';
  return typeof v === 'string' && /[\u4e00-\u9fa5]/.test(v) ? v : '无需运行';
}

/** Joins the non-empty parts with 、 (or says nothing was sent). */
function list(parts: (string | false | null | undefined)[], none = '无需发送'): string {
  const kept = parts.filter((p): p is string => Boolean(p));
  return kept.length ? kept.join('，') : none;
}

const JOBS: Record<string, (r: Result) => string> = {
  'talks.reminders': (r) =>
    list([
      num(r.due) > 0 && `向 ${num(r.due)} 位领导发送谈话提醒`,
      num(r.overdue) > 0 && `向 ${num(r.overdue)} 位领导发送逾期提醒`,
      num(r.escalations) > 0 && `报组织部门 ${num(r.escalations)} 份逾期名单`,
      num(r.unreachable) > 0 && `${num(r.unreachable)} 位领导未绑定飞书、未能送达`,
      num(r.calendarWarnings) > 0 && `节假日安排提醒 ${num(r.calendarWarnings)} 条`,
    ]),
  'dispatches.reminders': (r) =>
    r.workday === false
      ? '非工作日，未发送'
      : list([
          num(r.due) > 0 && `提醒 ${num(r.due)} 名选派干部交工作报告`,
          num(r.overdue) > 0 && `逾期提醒 ${num(r.overdue)} 人`,
          num(r.escalations) > 0 && `报派出单位和组织部门 ${num(r.escalations)} 次`,
          num(r.termNotices) > 0 && `期满总结/评价通知 ${num(r.termNotices)} 份`,
          num(r.missingCards) > 0 && `${num(r.missingCards)} 人未绑定飞书、未能送达`,
        ]),
  'training.absences': (r) => (r.workday === false ? '非工作日，未发送' : `提醒缺课学员 ${num(r.reminded)} 人`),
  'clues.reminders': (r) =>
    list([
      num(r.reminded) > 0 && `提醒承办人 ${num(r.reminded)} 件逾期线索`,
      num(r.escalated) > 0 && `报组织部门督办 ${num(r.escalated)} 件`,
    ]),
  'pool.age-out': (r) =>
    num(r.proposed) > 0 ? `生成超龄出库建议 ${num(r.proposed)} 条，待组织部门确认` : '没有超龄人员',
  'recommendations.review-digest': (r) =>
    num(r.messages) > 0
      ? `向 ${num(r.counties)} 个县的组织部门发送待审核推荐汇总 ${num(r.messages)} 份`
      : '没有待审核的推荐',
  'use.structure-check': (r) =>
    num(r.breaks) > 0 ? `发现 ${num(r.breaks)} 处班子结构问题，已发送预警 ${num(r.sent)} 份` : '班子结构均符合规则',
  'system.prune': (r) =>
    `已清理事件去重记录 ${num(r.processedEvents)} 条、收件箱事件 ${num(r.inboxEvents)} 条、任务运行记录 ${num(r.jobRuns)} 条`,
  'reports.digest': (r) =>
    r.sent
      ? `已向领导群发送周报${Array.isArray(r.sections) && r.sections.length ? `（${r.sections.length} 项：${r.sections.join('、')}）` : ''}`
      : '未发送周报',
  'reports.monthly': (r) =>
    num(r.sent) > 0 ? `已发送月度工作小结 ${num(r.sent)} 份（领导群和组织部门）` : '本期已发送过，未重复发送',
  'reports.quarterly': (r) =>
    num(r.sent) > 0 ? `已发送季度工作进展汇报 ${num(r.sent)} 份（卡片 + Word）` : '本期已发送过，未重复发送',
};

/** Chinese names for result keys, for jobs without their own sentence. */
const KEYS: Record<string, string> = {
  sent: '发送',
  messages: '消息',
  due: '待办提醒',
  overdue: '逾期提醒',
  escalations: '上报',
  escalated: '上报',
  reminded: '提醒',
  proposed: '建议',
  counties: '县',
  breaks: '问题',
  unreachable: '未送达',
  missingCards: '未送达',
  termNotices: '期满通知',
  calendarWarnings: '日历提醒',
  processedEvents: '去重记录',
  inboxEvents: '收件箱事件',
  jobRuns: '运行记录',
};

function generic(r: Result): string {
  const parts: string[] = [];
  let other = 0;
  for (const [k, v] of Object.entries(r)) {
    if (k === 'date' || k === 'skipped' || k === 'workday' || k === 'period' || k === 'slotStart') continue;
    const name = KEYS[k];
    if (name && typeof v === 'number') parts.push(`${name} ${v}`);
    else if (name && typeof v === 'boolean') parts.push(`${name}${v ? '：是' : '：否'}`);
    else other++;
  }
  if (other > 0) parts.push(`另有 ${other} 项结果`);
  return parts.length ? parts.join('，') : '已完成，没有需要发送的内容';
}

export function jobSummary(name: string, result: unknown): string {
  if (result === null || result === undefined) return '已完成';
  if (typeof result !== 'object' || Array.isArray(result)) return '已完成';
  const r = result as Result;
  const when = day(r.date);
  const prefix = when ? `${when}：` : '';
  if (r.skipped !== undefined && r.skipped !== null && r.skipped !== false)
    return `${prefix}${skipReason(r.skipped)}，未发送`;
  if (r.workday === false) return `${prefix}非工作日，未发送`;
  const line = JOBS[name]?.(r) ?? generic(r);
  return `${prefix}${line}`;
}
