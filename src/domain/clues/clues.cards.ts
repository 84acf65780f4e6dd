/** Problem-clue cards (pure). Every data string goes through mdText; details only at the 'details' level. */
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
import type { ClueListRow } from './clues.queries.js';
import type { ClueDetail, ClueList } from './clues.service.js';
import {
  CLUE_FINDINGS,
  CLUE_SEVERITIES,
  CLUE_SOURCES,
  FINDING_LABELS,
  OPEN_STEPS,
  SEVERITY_LABELS,
  SOURCE_LABELS,
  STEP_LABELS,
} from './clues.vocab.js';

export interface Brief {
  id: number;
  cadreName: string;
  unitName: string;
  due: string;
}

export function reportFormCard(i: {
  cadres: { id: number; name: string; unitName: string }[];
  nonce: string;
  filter?: string;
}): Card {
  if (i.cadres.length === 0) {
    return card({ title: '报送问题线索', template: 'grey' }, [
      md(
        i.filter
          ? `本县没有找到与「${mdText(i.filter)}」匹配的干部。请发送「报送线索 姓名」（或拼音首字母）查找。`
          : '请发送「报送线索 姓名」（或拼音首字母），在本县干部中查找线索涉及的干部。',
      ),
    ]);
  }
  return card({ title: '报送问题线索', template: 'red' }, [
    md('<font color="grey">线索详情仅组织部门和纪委/信访联络人可见；报送后由组织部门受理。</font>'),
    form('clue_form', [
      select(
        'cadre',
        '线索涉及的干部',
        i.cadres.map((c) => ({ label: `${c.name}（${c.unitName}）`, value: String(c.id) })),
        i.cadres.length === 1 ? String(i.cadres[0].id) : undefined,
        true,
      ),
      select(
        'source',
        '线索来源',
        CLUE_SOURCES.map((s) => ({ label: SOURCE_LABELS[s], value: s })),
        undefined,
        true,
      ),
      select(
        'severity',
        '问题性质',
        CLUE_SEVERITIES.map((s) => ({ label: SEVERITY_LABELS[s], value: s })),
        'minor',
        true,
      ),
      input('summary', '问题摘要', { required: true, multiline: true, maxLength: 500 }),
      input('evidence', '证据材料（文件名、文号，每行一个，可不填）', { multiline: true, maxLength: 1000 }),
      submitButton('报送', 'clues.report', { n: i.nonce }),
    ]),
  ]);
}

export function reportedOkCard(id: number, cadreName: string): Card {
  return card({ title: '问题线索已报送', template: 'green' }, [
    md(
      `线索编号 ${id}，涉及干部：${mdText(cadreName)}。已送组织部门受理，办理进展可发送「线索」查看。证据文件可在线索卡片上点「添加附件」后发送。`,
    ),
    button('查看线索', 'clues.view', { c: id }),
  ]);
}

function rowLine(r: ClueListRow, today: string): string {
  const late = r.dueOn && today > r.dueOn ? ' <font color="red">已超期</font>' : '';
  return `**${mdText(r.cadreName)}**（${mdText(r.unitName)}）· ${STEP_LABELS[r.step]} · 期限 ${r.dueOn ?? '—'}${late}`;
}

export function listCard(l: ClueList): Card {
  const elements: Element[] = [];
  if (l.level === 'none') {
    elements.push(md('您当前没有需要办理的问题线索。'));
  } else {
    elements.push(md(`在办问题线索 **${l.rows.length}** 件`));
    for (const step of OPEN_STEPS) {
      const at = l.rows.filter((r) => r.step === step);
      if (at.length === 0) continue;
      elements.push(md(`**${STEP_LABELS[step]}**（${at.length}）`));
      for (const r of at.slice(0, 20)) {
        elements.push(md(rowLine(r, l.today)), button('查看', 'clues.view', { c: r.id }));
      }
      if (at.length > 20)
        elements.push(md(`<font color="grey">另有 ${at.length - 20} 件，请发送「导出 问题线索」。</font>`));
    }
  }
  if (l.canReport) {
    elements.push(hr(), md('<font color="grey">报送新线索：发送「报送线索 姓名」；导出：「导出 问题线索」。</font>'));
  }
  return card({ title: '问题线索', template: 'red' }, elements);
}

function detailLines(d: ClueDetail): string[] {
  const c = d.clue;
  const lines = [
    `**涉及干部**：${mdText(d.cadreName)}（${mdText(d.unitName)}）`,
    `**问题性质**：${SEVERITY_LABELS[c.severity]}`,
    `**问题摘要**：${mdText(c.summary)}`,
    `**当前环节**：${STEP_LABELS[c.step]}${c.dueOn ? `，期限 ${c.dueOn}` : ''}`,
  ];
  if (d.leaderName) lines.push(`**谈话领导**：${mdText(d.leaderName)}`);
  if (d.level === 'details') {
    lines.splice(
      1,
      0,
      `**线索来源**：${SOURCE_LABELS[c.source]}　**报送人**：${mdText(d.reporterName ?? '')}　**报送日期**：${c.reportedOn}`,
    );
    if (c.evidence) lines.push(`**证据材料**：${mdText(c.evidence)}`);
    if (c.correction) lines.push(`**纠正情况**：${mdText(c.correction)}`);
    if (c.finding) lines.push(`**核查结论**：${FINDING_LABELS[c.finding]}　**处理情况**：${mdText(c.handling ?? '')}`);
    if (c.returnReason) lines.push(`**退回理由**：${mdText(c.returnReason)}`);
  }
  return lines;
}

export function detailCard(d: ClueDetail): Card {
  const c = d.clue;
  const elements: Element[] = [md(detailLines(d).join('\n'))];
  const id = { c: c.id };
  if (d.level === 'details' && (d.attachments.length > 0 || d.canAttach)) {
    elements.push(hr(), md(`**证据附件**（${d.attachments.length}）`));
    for (const a of d.attachments) {
      elements.push(
        md(`${mdText(a.fileName)}　${a.size}　${mdText(a.uploaderName)}　${a.at}`),
        button('发送到私聊', 'clues.file', { c: c.id, f: a.id }),
      );
    }
    if (d.canAttach) elements.push(button('添加附件', 'clues.attach', id));
  }
  if (c.step === 'reported' && d.roles.includes('org_admin')) {
    elements.push(hr());
    if (d.leaders.length === 0) {
      elements.push(
        md('<font color="orange">该干部当前没有谈心谈话责任领导，无法指定谈话领导；可退回并说明理由。</font>'),
      );
    } else {
      elements.push(
        form('clue_accept', [
          select(
            'leader',
            '指定谈话领导（须在期限内进行警醒谈话）',
            d.leaders.map((l) => ({ label: `${l.name}（${l.unitName}）`, value: String(l.id) })),
            String(d.leaders[0].id),
            true,
          ),
          submitButton('受理', 'clues.accept', id),
        ]),
      );
    }
    elements.push(
      form('clue_return', [input('reason', '退回理由', { maxLength: 500 }), submitButton('退回', 'clues.return', id)]),
    );
  }
  if (c.step === 'reminding' && d.roles.includes('leader')) {
    elements.push(hr(), button('记录警醒谈话', 'clues.talk', id, 'primary'));
  }
  if (c.step === 'correcting' && d.roles.includes('leader')) {
    elements.push(
      hr(),
      form('clue_correct', [
        input('text', '整改纠正情况（做了什么）', { multiline: true, maxLength: 1000, required: true }),
        submitButton('确认已纠正', 'clues.correct', id),
      ]),
    );
  }
  if (c.step === 'closing' && d.roles.includes('org_admin')) {
    elements.push(
      hr(),
      form('clue_close', [
        select(
          'finding',
          '核查结论',
          CLUE_FINDINGS.map((f) => ({ label: FINDING_LABELS[f], value: f })),
          undefined,
          true,
        ),
        input('handling', '处理情况', { multiline: true, maxLength: 1000, required: true }),
        submitButton('办结', 'clues.close', id),
      ]),
    );
  }
  if (d.events.length > 0) {
    elements.push(
      hr(),
      md(
        d.events
          .map(
            (e) =>
              `${e.e.at.toISOString().slice(0, 10)}　${STEP_LABELS[e.e.toStep]}${e.e.note ? `：${mdText(e.e.note)}` : ''}${e.actorName ? `　— ${mdText(e.actorName)}` : ''}`,
          )
          .join('\n'),
      ),
    );
  }
  const title = d.level === 'details' ? `问题线索 #${c.id}` : '问题线索 · 警醒谈话';
  return card({ title, template: 'red', tags: [STEP_LABELS[c.step]] }, elements);
}

export function reportedCard(b: Brief): Card {
  return card({ title: '新的问题线索待受理', template: 'red' }, [
    md(`涉及干部：${mdText(b.cadreName)}（${mdText(b.unitName)}）\n请在 ${b.due} 前受理并指定谈话领导。`),
    button('查看并受理', 'clues.view', { c: b.id }, 'primary'),
  ]);
}

/** To the assigned leader: only what the talk needs. */
export function talkNeededCard(b: Brief): Card {
  return card({ title: '请进行警醒谈话', template: 'orange' }, [
    md(`组织部门请您在 **${b.due}** 前与 ${mdText(b.cadreName)}（${mdText(b.unitName)}）进行一次警醒谈话（提醒）。`),
    button('查看谈话事项', 'clues.view', { c: b.id }),
    button('记录警醒谈话', 'clues.talk', { c: b.id }, 'primary'),
  ]);
}

export function toCloseCard(b: Brief): Card {
  return card({ title: '问题线索待办结', template: 'red' }, [
    md(`${mdText(b.cadreName)}（${mdText(b.unitName)}）的问题已确认纠正，请在 ${b.due} 前办结（核查结论与处理情况）。`),
    button('查看并办结', 'clues.view', { c: b.id }, 'primary'),
  ]);
}

export interface OverdueItem {
  id: number;
  step: ClueListRow['step'];
  dueOn: string;
  cadreName: string;
}

/** One consolidated overdue reminder to a step's owner. */
export function overdueCard(items: OverdueItem[]): Card {
  return card({ title: '问题线索超期提醒', template: 'red' }, [
    md(`您有 **${items.length}** 件问题线索已超过办理期限：`),
    ...items.flatMap((i) => [
      md(`${mdText(i.cadreName)} · ${STEP_LABELS[i.step]} · 期限 ${i.dueOn}`),
      button('查看', 'clues.view', { c: i.id }),
    ]),
  ]);
}

/** To org_admin: clues overdue long enough to escalate (the leader's name is for the department). */
export function escalationCard(items: (OverdueItem & { ownerName: string })[]): Card {
  return card({ title: '问题线索超期督办', template: 'red' }, [
    md(`以下 **${items.length}** 件问题线索超期已满 3 个工作日，请督办：`),
    ...items.flatMap((i) => [
      md(`${mdText(i.cadreName)} · ${STEP_LABELS[i.step]} · 期限 ${i.dueOn} · 责任人 ${mdText(i.ownerName)}`),
      button('查看', 'clues.view', { c: i.id }),
    ]),
  ]);
}

export function attachmentSavedCard(clueId: number, fileName: string, size: string): Card {
  return card({ title: '证据附件已保存', template: 'green' }, [
    md(
      `已将“${mdText(fileName)}”（${size}）作为问题线索 #${clueId} 的证据附件保存。如需继续添加，请在线索卡片上再次点击「添加附件」。`,
    ),
    button('查看线索', 'clues.view', { c: clueId }),
  ]);
}
