import {
  button,
  type Card,
  card,
  type Element,
  form,
  hr,
  md,
  mdText,
  notice,
  personPicker,
  select,
  submitButton,
  table,
} from '../../feishu/cards/atoms.js';
import { ageOn, isHighEducation, isPost90, isYoungCadre, townshipYears } from './org.rules.js';

export function unknownSenderCard(): Card {
  return notice(
    '您尚未登记',
    '您好！您尚未登记到青苗（优秀年轻干部工作助手）中，暂时无法使用。请联系组织部门登记您的人员信息和手机号，登记后即可使用。',
    'grey',
  );
}

export interface ProfileView {
  name: string;
  gender: string;
  birthDate: string;
  unitName: string;
  position: string | null;
  leadershipLevel: string | null;
  rank: string | null;
  education: string;
  educationDetail: string | null;
  cadreType: string;
  politicalStatus: string | null;
  isXuandiao: boolean;
  isSecondee: boolean;
  townshipWorkStart: string | null;
  mobile: string | null;
  idNumber: string | null;
  active: boolean;
}

/** Tags shown under the name: 年轻干部, 90后, 高学历, 选调生, 挂职, 乡镇经历. */
export function profileTags(p: ProfileView, onDate: string, youngMaxAge: number): string[] {
  const tags: string[] = [];
  if (!p.active) tags.push('已离职/调出');
  if (isYoungCadre(p.birthDate, onDate, youngMaxAge)) tags.push('年轻干部');
  if (isPost90(p.birthDate)) tags.push('90后');
  if (isHighEducation(p.education)) tags.push('高学历');
  if (p.isXuandiao) tags.push('选调生');
  if (p.isSecondee) tags.push('省市派挂职');
  const years = townshipYears(p.townshipWorkStart, onDate);
  if (years > 0) tags.push(`乡镇工作${years}年`);
  return tags;
}

export function profileCard(p: ProfileView, onDate: string, youngMaxAge: number, extra: Element[] = []): Card {
  const lines = [
    `**单位**：${mdText(p.unitName)}`,
    `**职务**：${mdText(p.position || '—')}`,
    `**层级/职级**：${mdText([p.leadershipLevel, p.rank].filter(Boolean).join(' / ') || '—')}`,
    `**性别/年龄**：${p.gender}，${ageOn(p.birthDate, onDate)}周岁（${p.birthDate.slice(0, 7).replace('-', '.')}生）`,
    `**学历**：${p.education}${p.educationDetail ? `（${mdText(p.educationDetail)}）` : ''}`,
    `**干部类别**：${p.cadreType}${p.politicalStatus ? `，${mdText(p.politicalStatus)}` : ''}`,
    `**手机号**：${mdText(p.mobile ?? '—')}　**身份证号**：${mdText(p.idNumber ?? '—')}`,
  ];
  const tags = profileTags(p, onDate, youngMaxAge);
  return card({ title: `干部信息 · ${p.name}`, template: 'turquoise', tags: tags.slice(0, 3) }, [
    md(lines.join('\n')),
    ...(tags.length ? [md(`<font color="grey">${mdText(tags.join(' · '))}</font>`)] : []),
    ...(extra.length ? [hr(), ...extra] : []),
  ]);
}

export interface Match {
  id: number;
  name: string;
  unitName: string;
  position: string | null;
  birthDate: string;
}

export function pickListCard(query: string, matches: Match[], more: boolean): Card {
  const rows = matches.map((m) => [
    md(
      `**${mdText(m.name)}**　${mdText(m.unitName)}　${mdText(m.position ?? '')}　${m.birthDate.slice(0, 7).replace('-', '.')}生`,
    ),
    button('查看', 'org.view', { personId: m.id }),
  ]);
  return card({ title: `查询“${query}”：找到${more ? '10 多' : ` ${matches.length} `}人`, template: 'blue' }, [
    ...rows.flat(),
    ...(more ? [md('<font color="grey">只显示前 10 人，请输入更完整的姓名。</font>')] : []),
  ]);
}

export function noMatchCard(query: string): Card {
  return notice(
    '未找到',
    `在您有权查看的范围内没有找到“${mdText(query)}”。可输入姓名、姓名的一部分或拼音首字母（如 csy）。`,
    'grey',
  );
}

export function searchUsageCard(): Card {
  return notice('查询干部', '请输入：**查询 姓名** 或 **查询 拼音首字母**，例如“查询 陈思雨”“查询 csy”。', 'blue');
}

export interface Unbound {
  id: number;
  name: string;
  unitName: string;
  mobile: string | null;
  email: string | null;
}

/** For org_admin: who has no Feishu account yet, and a form to bind one by hand. */
export function unboundCard(list: Unbound[], total: number): Card {
  if (total === 0) return notice('账号绑定', '所有在职人员都已绑定飞书账号。', 'green');
  const shown = list.slice(0, 100);
  return card({ title: `未绑定飞书账号：${total} 人`, template: 'orange' }, [
    table(
      [
        { name: 'name', label: '姓名' },
        { name: 'unit', label: '单位' },
        { name: 'contact', label: '手机号/邮箱' },
      ],
      list.slice(0, 50).map((u) => ({ name: u.name, unit: u.unitName, contact: u.mobile ?? u.email ?? '（未登记）' })),
    ),
    button('按手机号/邮箱重新自动匹配', 'org.autobind', {}, 'primary'),
    hr(),
    md('**手动绑定**：选择人员和对应的飞书用户后提交。'),
    form('org_bind', [
      select(
        'personId',
        '选择人员',
        shown.map((u) => ({ label: `${u.name}（${u.unitName}）`, value: String(u.id) })),
      ),
      personPicker('openId', '选择飞书用户'),
      submitButton('绑定', 'org.bind'),
    ]),
  ]);
}

export function bindResultCard(r: {
  checked: number;
  bound: number;
  notFound: number;
  conflicts: number;
  failed: number;
}): Card {
  const lines = [
    `本次检查 ${r.checked} 人，新绑定 **${r.bound}** 人。`,
    r.notFound ? `通讯录中未找到 ${r.notFound} 人（请核对手机号/邮箱，或手动绑定）。` : '',
    r.conflicts ? `${r.conflicts} 个飞书账号已绑定到其他人员，未重复绑定。` : '',
    r.failed ? `<font color="red">${r.failed} 人因飞书接口错误未能匹配，请稍后重试。</font>` : '',
  ];
  return notice('账号绑定结果', lines.filter(Boolean).join('\n'), r.failed ? 'orange' : 'green');
}
