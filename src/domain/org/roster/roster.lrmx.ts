/**
 * The 中组部 exchange format (issue 16): 《干部任免审批表》 .lrmx files — a flat XML of the 干部任免审批表 software
 * (XingMing, XingBie, ChuShengNianYue as yyyyMM, …, JianLi, JiaTingChengYuan/Item, ShenFenZheng, ZhaoPian) —
 * read into the same rows as a spreadsheet (one file = one row) so they get the same checks, preview and
 * all-or-nothing import; and one person written back as .lrmx. The unit is the longest unit name that 现任职务
 * starts with (the format has no unit field).
 */
import { inflateRawSync } from 'node:zlib';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FamilyMember } from '../../../db/schema/org.js';
import { people, units } from '../../../db/schema/org.js';
import type { Deps } from '../../../deps.js';
import { invalid, notFound } from '../../../errors.js';
import { readCentralDirectory } from '../../../xlsx/xlsx.zip.js';
import { type ActorContext, assertRole } from '../org.access.js';
import { adminCountyIds } from '../org.admins.js';
import { audit } from '../org.audit.js';
import type { Cell } from './roster.cells.js';
import { ROSTER_COLUMNS, type RosterField } from './roster.columns.js';
import type { ColumnReport, RosterSheet, SheetRow } from './roster.read.js';

/** Element → roster field (the order is the virtual column order). */
export const LRMX_FIELDS: [string, RosterField][] = [
  ['XingMing', 'name'],
  ['XingBie', 'gender'],
  ['ChuShengNianYue', 'birthDate'],
  ['MinZu', 'ethnicity'],
  ['JiGuan', 'nativePlace'],
  ['ChuShengDi', 'birthPlace'],
  ['RuDangShiJian', 'partyJoinDate'],
  ['CanJiaGongZuoShiJian', 'workStart'],
  ['QuanRiZhiJiaoYu_XueLi', 'fullTimeEducation'],
  ['QuanRiZhiJiaoYu_XueWei', 'fullTimeDegree'],
  ['QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', 'fullTimeSchool'],
  ['ZaiZhiJiaoYu_XueLi', 'partTimeEducation'],
  ['ZaiZhiJiaoYu_XueWei', 'partTimeDegree'],
  ['ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', 'partTimeSchool'],
  ['XianRenZhiWu', 'position'],
  ['ShenFenZheng', 'idNumber'],
];

/** Elements read but not kept (listed as ignored in the preview). */
const IGNORED = [
  'JianKangZhuangKuang',
  'ZhuanYeJiShuZhiWu',
  'ShuXiZhuanYeYouHeZhuanChang',
  'NiRenZhiWu',
  'NiMianZhiWu',
  'JiangChengQingKuang',
  'NianDuKaoHeJieGuo',
  'RenMianLiYou',
  'ChengBaoDanWei',
  'ZhaoPian',
];

const MAX_FILES = 2_000;
const MAX_XML_BYTES = 5 * 1024 * 1024;
const MAX_ZIP_TOTAL = 100 * 1024 * 1024;

export interface LrmxPerson {
  values: Map<string, string>;
  resume: string[];
  family: FamilyMember[];
}

const xmlUnescape = (s: string) =>
  s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&#x([0-9a-f]+);/gi, (_m, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function element(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>|<${name}(?:\\s[^>]*)?/>`).exec(xml);
  return m ? xmlUnescape(m[1] ?? '').trim() : undefined;
}

/** Parses one .lrmx (UTF-8, or UTF-16 with a BOM); null when it is not a 干部任免审批表. */
export function parseLrmx(data: Buffer): LrmxPerson | null {
  const xml =
    data[0] === 0xff && data[1] === 0xfe
      ? data.subarray(2).toString('utf16le')
      : data.toString('utf8').replace(/^\uFEFF/, '');
  if (!/<XingMing[\s>/]/.test(xml)) return null;
  const values = new Map<string, string>();
  for (const [el] of LRMX_FIELDS) {
    const v = element(xml, el);
    if (v) values.set(el, v);
  }
  const resume = (element(xml, 'JianLi') ?? '')
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim());
  const familyXml = /<JiaTingChengYuan>([\s\S]*?)<\/JiaTingChengYuan>/.exec(xml)?.[1] ?? '';
  const family: FamilyMember[] = [];
  for (const m of familyXml.matchAll(/<Item>([\s\S]*?)<\/Item>/g)) {
    const it = m[1];
    const member: FamilyMember = { relation: element(it, 'ChengWei') ?? '', name: element(it, 'XingMing') ?? '' };
    const birth = element(it, 'ChuShengRiQi');
    const political = element(it, 'ZhengZhiMianMao');
    const work = element(it, 'GongZuoDanWeiJiZhiWu');
    if (birth) member.birth = birth;
    if (political) member.political = political;
    if (work) member.work = work;
    if (member.relation || member.name) family.push(member);
  }
  return { values, resume, family };
}

/** The .lrmx files of an upload: a single file, or every .lrmx in a .zip (stored or deflated entries). */
export function lrmxFiles(fileName: string, data: Buffer): { name: string; data: Buffer }[] | string {
  if (/\.lrmx$/i.test(fileName)) return [{ name: fileName, data }];
  const entries = readCentralDirectory(data);
  if (typeof entries === 'string') return '压缩包已损坏，请重新打包为 .zip 后发送';
  const wanted = entries.filter((e) => /\.lrmx$/i.test(e.name));
  if (wanted.length === 0) return '压缩包中没有 .lrmx 文件（干部任免审批表）';
  if (wanted.length > MAX_FILES) return `压缩包中的任免审批表超过 ${MAX_FILES} 份，请分批发送`;
  const total = wanted.reduce((n, e) => n + e.uncompressed, 0);
  if (total > MAX_ZIP_TOTAL) return '压缩包解压后超过 100 MB，请分批发送';
  const out: { name: string; data: Buffer }[] = [];
  for (const e of wanted) {
    if (e.uncompressed > MAX_XML_BYTES) return `“${e.name}”过大（超过 5 MB），不像任免审批表`;
    const nameLength = data.readUInt16LE(e.localOffset + 26);
    const extraLength = data.readUInt16LE(e.localOffset + 28);
    const start = e.localOffset + 30 + nameLength + extraLength;
    const raw = data.subarray(start, start + e.compressed);
    try {
      const body = e.method === 0 ? raw : inflateRawSync(raw, { maxOutputLength: MAX_XML_BYTES });
      out.push({ name: e.name.split('/').at(-1)!, data: body });
    } catch {
      return `“${e.name}”无法解压，请重新打包为 .zip 后发送`;
    }
  }
  return out;
}

/** The rows of a set of .lrmx files, as the roster checks read them: one file = one row (row 1 of its "sheet"). */
export function lrmxSheet(files: { name: string; data: Buffer }[]): RosterSheet | string {
  const fields = new Map<RosterField, { col: number; header: string }>();
  LRMX_FIELDS.forEach(([el, f], i) => {
    fields.set(f, { col: i + 1, header: `${ROSTER_COLUMNS.find((c) => c.field === f)?.header ?? f}（${el}）` });
  });
  const rows: SheetRow[] = [];
  const sheets: string[] = [];
  for (const f of files) {
    const p = parseLrmx(f.data);
    if (!p) return `“${f.name}”不是干部任免审批表（.lrmx）`;
    const cells = new Map<number, Cell>();
    LRMX_FIELDS.forEach(([el], i) => {
      const v = p.values.get(el);
      if (v) cells.set(i + 1, { value: v });
    });
    sheets.push(f.name);
    rows.push({
      rowNumber: 1,
      cells,
      sheet: f.name,
      unitFromPost: p.values.get('XianRenZhiWu') ?? '',
      resume: p.resume,
      family: p.family,
    });
  }
  const columns: ColumnReport[] = [
    ...LRMX_FIELDS.map(([el, field]) => ({ sheet: '', header: el, field })),
    { sheet: '', header: 'JianLi', field: 'resume' as const },
    { sheet: '', header: 'JiaTingChengYuan', field: 'family' as const },
    ...IGNORED.map((header) => ({ sheet: '', header })),
  ];
  return {
    sheetName: files.length === 1 ? files[0].name : `${files.length} 份任免审批表`,
    headerRow: 1,
    headerRows: 0,
    fields,
    ignored: IGNORED,
    columns,
    rows,
    skipped: 0,
    sections: [],
    sheets,
  };
}

const yyyymm = (d: string | null | undefined) => (d ? d.slice(0, 7).replace('-', '') : '');

/** One person as a .lrmx file (UTF-8), 简历 and family members included. */
export function lrmxXml(p: Record<string, any>): string {
  const el = (name: string, v: string | null | undefined) => `  <${name}>${xmlEscape(v ?? '')}</${name}>`;
  const family = ((p.family ?? []) as FamilyMember[])
    .map(
      (m) =>
        `    <Item>\n      <ChengWei>${xmlEscape(m.relation)}</ChengWei>\n      <XingMing>${xmlEscape(m.name)}</XingMing>\n      <ChuShengRiQi>${xmlEscape(m.birth ?? '')}</ChuShengRiQi>\n      <ZhengZhiMianMao>${xmlEscape(m.political ?? '')}</ZhengZhiMianMao>\n      <GongZuoDanWeiJiZhiWu>${xmlEscape(m.work ?? '')}</GongZuoDanWeiJiZhiWu>\n    </Item>`,
    )
    .join('\n');
  const partyCell = p.partyJoinDate
    ? yyyymm(p.partyJoinDate)
    : p.politicalStatus && p.politicalStatus !== '中共党员'
      ? p.politicalStatus
      : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Person>',
    el('XingMing', p.name),
    el('XingBie', p.gender),
    el('ChuShengNianYue', yyyymm(p.birthDate)),
    el('MinZu', p.ethnicity),
    el('JiGuan', p.nativePlace),
    el('ChuShengDi', p.birthPlace),
    el('RuDangShiJian', partyCell),
    el('CanJiaGongZuoShiJian', yyyymm(p.workStart)),
    el('QuanRiZhiJiaoYu_XueLi', p.fullTimeEducation),
    el('QuanRiZhiJiaoYu_XueWei', p.fullTimeDegree),
    el('QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', p.fullTimeSchool),
    el('ZaiZhiJiaoYu_XueLi', p.partTimeEducation),
    el('ZaiZhiJiaoYu_XueWei', p.partTimeDegree),
    el('ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', p.partTimeSchool),
    el('XianRenZhiWu', p.position),
    el('JianLi', p.resume),
    `  <JiaTingChengYuan>${family ? `\n${family}\n  ` : ''}</JiaTingChengYuan>`,
    el('ShenFenZheng', p.idNumber),
    '  <Version>qingmiao</Version>',
    '</Person>',
    '',
  ].join('\n');
}

/**
 * One person's 干部任免审批表, found by ID number or (unique) name among the people the actor may export (an
 * org_admin: the counties of his grants; the CLI operator, no actor: everyone); audited as a personal-data export.
 * Returns the .lrmx and the row the Word form is drawn from.
 */
export async function exportLrmx(
  deps: Deps,
  who: string,
  opts: { actor?: ActorContext; eventId?: string } = {},
): Promise<{ name: string; xml: string; person: typeof people.$inferSelect }> {
  let counties: number[] | null = null;
  if (opts.actor) {
    assertRole(opts.actor, 'org_admin', '只有组织部门可以导出任免审批表');
    counties = await adminCountyIds(deps.db, opts.actor);
  }
  const text = who.normalize('NFKC').trim();
  if (!text) throw invalid('请写明干部姓名或身份证号，如「导出 任免审批表 张三」');
  const key = text.toUpperCase();
  const inScope =
    counties === null
      ? undefined
      : inArray(
          people.unitId,
          sql`(select ${units.id} from ${units} where ${inArray(units.countyId, counties.length ? counties : [-1])})`,
        );
  const found = await deps.db
    .select()
    .from(people)
    .where(and(/^\d{17}[\dX]$/.test(key) ? eq(people.idNumber, key) : eq(people.name, text), inScope));
  if (found.length === 0) throw notFound(`未找到“${text}”${counties === null ? '' : '（仅限本县干部）'}`);
  if (found.length > 1) throw invalid(`“${text}”有 ${found.length} 人同名，请改用身份证号`);
  const [p] = found;
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: opts.actor?.personId ?? null,
    actorOpenId: opts.actor?.openId ?? null,
    action: 'person.export.lrmx',
    entity: 'person',
    entityId: p.id,
    eventId: opts.eventId,
  });
  return { name: p.name, xml: lrmxXml(p), person: p };
}
