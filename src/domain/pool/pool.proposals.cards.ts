/** Proposal cards for org_admin: confirm or dismiss; the list of open proposals. */
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
  submitButton,
} from '../../feishu/cards/atoms.js';
import type { ProposalView } from './pool.proposals.queries.js';
import { ACTION_LABELS, EXIT_LABELS, STATUS_LABELS, TIER_LABELS } from './pool.rules.js';

const DECIDED: Record<string, string> = { confirmed: '已确认', dismissed: '已驳回', void: '已失效' };

function what(v: ProposalView): string {
  const { p } = v;
  if (p.toTier) return `${ACTION_LABELS[p.action]}：${TIER_LABELS[v.entry.tier]} → ${TIER_LABELS[p.toTier]}`;
  if (p.action === 'exit') return `${ACTION_LABELS.exit}（${p.exitReason ? EXIT_LABELS[p.exitReason] : ''}）`;
  return ACTION_LABELS[p.action];
}

function basisText(basis: unknown): string {
  if (!Array.isArray(basis)) return '';
  return basis
    .map(
      (b: { kind?: string; period?: string; result?: string }) =>
        `${mdText(b.kind ?? '')} ${mdText(b.period ?? '')}：${mdText(b.result ?? '')}`,
    )
    .join('；');
}

function lines(v: ProposalView): Element {
  const basis = basisText(v.p.basis);
  return md(
    [
      `**${mdText(v.person.name)}**　${mdText(v.unitName)}${v.person.position ? ` ${mdText(v.person.position)}` : ''}`,
      `当前：${TIER_LABELS[v.entry.tier]} · ${STATUS_LABELS[v.entry.status]}`,
      `建议：**${what(v)}**`,
      `依据：${mdText(v.p.reason)}${basis ? `（${basis}）` : ''}`,
    ].join('\n'),
  );
}

/** One proposal; while open, a form with an optional note and the two decisions. */
export function proposalCard(v: ProposalView): Card {
  const title = `资源库调整建议：${v.person.name}`;
  if (v.p.status !== 'open') {
    const note = v.p.decisionNote ? `（${mdText(v.p.decisionNote)}）` : '';
    return card({ title, template: 'grey' }, [lines(v), hr(), md(`**处理结果**：${DECIDED[v.p.status]}${note}`)]);
  }
  return card({ title, template: v.p.action === 'exit' ? 'red' : v.p.action === 'tier_up' ? 'green' : 'orange' }, [
    lines(v),
    md('<font color="grey">确认后才会调整资源库，并记入动态管理历史；驳回不做任何调整。</font>'),
    form('pool_proposal', [
      input('note', '备注（选填）', { maxLength: 200 }),
      submitButton('确认调整', 'pool.confirm', { id: v.p.id }),
      submitButton('驳回', 'pool.dismiss', { id: v.p.id }),
    ]),
  ]);
}

/** When many proposals arrive at once: one card pointing to the list. */
export function proposalsDigestCard(n: number): Card {
  return card({ title: `新增 ${n} 条资源库调整建议`, template: 'orange' }, [
    md('根据考核结果和年龄规则生成了调整建议，请逐条确认或驳回。'),
    button('逐条处理', 'pool.proposals', { page: 0 }, 'primary'),
  ]);
}

/** Open proposals, a page at a time, each with its own confirm / dismiss buttons. */
export function proposalsListCard(views: ProposalView[], total: number, page: number, pageSize: number): Card {
  const elements: Element[] = [md(`待处理的调整建议共 **${total}** 条。`)];
  for (const v of views) {
    elements.push(hr(), lines(v));
    elements.push(button('确认调整', 'pool.confirm', { id: v.p.id, page }, 'primary'));
    elements.push(button('驳回', 'pool.dismiss', { id: v.p.id, page }));
  }
  const nav: Element[] = [];
  if (page > 0) nav.push(button('上一页', 'pool.proposals', { page: page - 1 }));
  if ((page + 1) * pageSize < total) nav.push(button('下一页', 'pool.proposals', { page: page + 1 }));
  return card({ title: '资源库调整建议', template: 'orange' }, [...elements, ...(nav.length ? [hr(), ...nav] : [])]);
}

/**
 * 驳回 asks first: the reason is required and recorded with the decision; 确认驳回 decides, 返回 goes back to
 * where the click came from (the proposal card, or the list page).
 */
export function dismissConfirmCard(v: ProposalView, note: string, page?: number): Card {
  const where = page === undefined ? { id: v.p.id } : { id: v.p.id, page };
  return card({ title: `驳回调整建议：${v.person.name}`, template: 'orange' }, [
    lines(v),
    md('<font color="grey">驳回后资源库不作调整，理由记入处理结果；同样的考核事实不会再次生成该建议。</font>'),
    form('pool_dismiss', [
      input('reason', '驳回理由（必填）', {
        required: true,
        maxLength: 300,
        initial: note,
        placeholder: '如：尚需历练',
      }),
      submitButton('确认驳回', 'pool.dismissConfirm', where),
    ]),
    button('返回', 'pool.dismissBack', where),
  ]);
}
