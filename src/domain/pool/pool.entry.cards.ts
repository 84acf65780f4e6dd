/** One pool entry: who, tier and status, the lists behind it, its full history; org_admin manages it here. */
import { EXIT_REASONS } from '../../db/schema/pool.js';
import {
  button,
  type Card,
  card,
  type Element,
  form,
  hr,
  input,
  md,
  mdText,
  select,
  submitButton,
} from '../../feishu/cards/atoms.js';
import { localDate } from '../../time.js';
import { ageOn } from '../org/org.rules.js';
import { LIST_SHORT } from '../recommendations/recommendations.rules.js';
import type { EntryDetail } from './pool.queries.js';
import { ACTION_LABELS, EXIT_LABELS, STATUS_LABELS, TIER_LABELS, TIER_ORDER } from './pool.rules.js';

type HistoryRow = EntryDetail['history'][number];

export function historyLine(r: HistoryRow, timezone: string): string {
  const { h } = r;
  const on = localDate(h.at, timezone);
  const lists = h.lists?.length ? `，${h.lists.join('、')}清单` : '';
  const what: Record<HistoryRow['h']['kind'], string> = {
    entered: `入库（${h.toTier ? TIER_LABELS[h.toTier] : ''}${lists}）`,
    list_added: `新增上榜清单（${(h.lists ?? []).join('、')}）`,
    tier_changed: `层级调整：${h.fromTier ? TIER_LABELS[h.fromTier] : ''} → ${h.toTier ? TIER_LABELS[h.toTier] : ''}`,
    watch: '列入观察',
    unwatch: '解除观察',
    exited: `调出资源库（${h.exitReason ? EXIT_LABELS[h.exitReason] : ''}）`,
    hold: '暂缓（问题线索办理中）',
    hold_lifted: '解除暂缓',
  };
  const note = h.note ? `：${mdText(h.note)}` : '';
  return `${on}　${what[h.kind]}${note}${r.deciderName ? `　— ${mdText(r.deciderName)}` : ''}`;
}

function manageForm(d: EntryDetail): Element {
  const tiers = TIER_ORDER.map((t) => ({ label: TIER_LABELS[t], value: t }));
  const reasons = EXIT_REASONS.map((r) => ({ label: EXIT_LABELS[r], value: r }));
  const id = { id: d.entry.id };
  return form('pool_manage', [
    select('tier', '调整到层级', tiers, d.entry.tier),
    submitButton('调整层级', 'pool.setTier', id),
    d.entry.status === 'watch'
      ? submitButton('解除观察', 'pool.unwatch', id)
      : submitButton('列入观察', 'pool.watch', id),
    select('exitReason', '出库原因', reasons),
    submitButton('调出资源库', 'pool.exit', id),
    input('note', '说明（调整层级、观察、出库时填写）', { maxLength: 300 }),
  ]);
}

export function entryCard(
  d: EntryDetail,
  opts: { today: string; timezone: string; canManage: boolean; observations: Element[]; marks?: string[] },
): Card {
  const p = d.person;
  const e = d.entry;
  const state =
    e.status === 'exited' ? `已出库（${e.exitedOn ?? ''}）` : `${TIER_LABELS[e.tier]} · ${STATUS_LABELS[e.status]}`;
  const recs = d.recs.map(
    (r) => `- ${LIST_SHORT[r.list]}（${r.list}）：${mdText(r.recommenderName)}推荐 — ${mdText(r.reason.slice(0, 60))}`,
  );
  const elements: Element[] = [
    md(
      `**${mdText(p.name)}**　${p.gender} · ${ageOn(p.birthDate, opts.today)}岁 · ${mdText(p.education)} · ${mdText(d.unitName)}${p.position ? ` ${mdText(p.position)}` : ''}\n` +
        `资源库：**${state}**　入库：${e.enteredOn}` +
        (opts.marks ?? []).map((m) => `\n<font color="orange">${mdText(m)}</font>`).join(''),
    ),
    md(`**推荐来源**\n${recs.join('\n') || '无'}`),
    md(`**动态管理记录**\n${d.history.map((h) => `- ${historyLine(h, opts.timezone)}`).join('\n')}`),
  ];
  if (d.proposals.length > 0) {
    elements.push(
      md(`**待处理建议**\n${d.proposals.map((x) => `- ${ACTION_LABELS[x.action]}：${mdText(x.reason)}`).join('\n')}`),
    );
    if (opts.canManage) elements.push(button('处理建议', 'pool.proposals', { page: 0 }));
  }
  if (opts.observations.length > 0) elements.push(hr(), ...opts.observations);
  if (opts.canManage && e.status !== 'exited') elements.push(hr(), manageForm(d));
  return card({ title: `资源库：${p.name}`, template: e.status === 'exited' ? 'grey' : 'green' }, elements);
}
