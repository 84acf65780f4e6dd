/**
 * One cadre's 《干部任免审批表》 as Word (.docx), laid out like the printed form of the 中组部 software: the
 * personal grid with the photo box, education, current / proposed posts, the 简历 cell, rewards, appraisals,
 * reasons, family members and the signature rows. Loaded through import() (docx is heavy: docs/bench.md).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { FamilyMember } from '../../../db/schema/org.js';

/** The fields of `people` the form shows. */
export interface FormPerson {
  name: string;
  gender: string;
  birthDate: string;
  ethnicity?: string | null;
  nativePlace?: string | null;
  birthPlace?: string | null;
  partyJoinDate?: string | null;
  politicalStatus?: string | null;
  workStart?: string | null;
  fullTimeEducation?: string | null;
  fullTimeDegree?: string | null;
  fullTimeSchool?: string | null;
  partTimeEducation?: string | null;
  partTimeDegree?: string | null;
  partTimeSchool?: string | null;
  position?: string | null;
  resume?: string | null;
  family?: FamilyMember[] | null;
}

const FONT = '仿宋';
/** Eight grid columns, in twentieths of a point (the printed form is about 16 cm wide). */
const COLS = [1100, 1150, 1100, 1150, 1100, 1150, 1100, 1650];

const run = (text: string, bold = false) => new TextRun({ text, bold, font: FONT, size: 22 });
const lines = (text: string, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER) =>
  (text || ' ').split('\n').map((t) => new Paragraph({ alignment: align, children: [run(t)] }));

function cell(text: string, span = 1, o: { rowSpan?: number; left?: boolean; height?: boolean } = {}) {
  return new TableCell({
    columnSpan: span > 1 ? span : undefined,
    rowSpan: o.rowSpan,
    verticalAlign: VerticalAlign.CENTER,
    width: { size: COLS.slice(0, span).reduce((a, b) => a + b, 0), type: WidthType.DXA },
    children: lines(text, o.left ? AlignmentType.LEFT : AlignmentType.CENTER),
  });
}

const row = (cells: TableCell[], height?: number) =>
  new TableRow({ children: cells, height: height ? { value: height, rule: 'atLeast' } : undefined });

/** '1990.05' */
const ym = (d: string | null | undefined) => (d ? `${d.slice(0, 4)}.${d.slice(5, 7)}` : '');

/** Full years on `asOf` for a 'YYYY-MM-DD' birth date. */
export function ageOn(birth: string, asOf: string): number {
  const years = Number(asOf.slice(0, 4)) - Number(birth.slice(0, 4));
  return asOf.slice(5) < birth.slice(5) ? years - 1 : years;
}

function familyRows(family: FamilyMember[], asOf: string): TableRow[] {
  const members = family.length > 0 ? family : [{ relation: '', name: '' } as FamilyMember];
  const head = [cell('称谓'), cell('姓名'), cell('年龄'), cell('政治面貌'), cell('工作单位及职务', 3)];
  const body = members.map((m) =>
    row([
      cell(m.relation),
      cell(m.name),
      cell(m.birth && /^\d{4}/.test(m.birth) ? String(ageOn(`${m.birth.slice(0, 4)}-01-01`, asOf)) : ''),
      cell(m.political ?? ''),
      cell(m.work ?? '', 3, { left: true }),
    ]),
  );
  return [
    new TableRow({
      children: [
        new TableCell({
          rowSpan: body.length + 1,
          verticalAlign: VerticalAlign.CENTER,
          width: { size: COLS[0], type: WidthType.DXA },
          children: lines('家庭主要成员及重要社会关系'),
        }),
        ...head,
      ],
    }),
    ...body,
  ];
}

/** The filled form; `asOf` is the date its ages are counted on (today, from the injected clock). */
export async function appointmentFormDocx(p: FormPerson, asOf: string): Promise<Buffer> {
  const party = p.partyJoinDate ? ym(p.partyJoinDate) : (p.politicalStatus ?? '');
  const birth = `${ym(p.birthDate)}\n（${ageOn(p.birthDate, asOf)}岁）`;
  const grid = new Table({
    width: { size: COLS.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: COLS,
    rows: [
      row(
        [
          cell('姓名'),
          cell(p.name),
          cell('性别'),
          cell(p.gender),
          cell('出生年月\n（岁）'),
          cell(birth),
          cell('照片', 2, { rowSpan: 4 }),
        ],
        600,
      ),
      row(
        [
          cell('民族'),
          cell(p.ethnicity ?? ''),
          cell('籍贯'),
          cell(p.nativePlace ?? ''),
          cell('出生地'),
          cell(p.birthPlace ?? ''),
        ],
        600,
      ),
      row(
        [cell('入党时间'), cell(party), cell('参加工作时间'), cell(ym(p.workStart)), cell('健康状况'), cell('')],
        600,
      ),
      row([cell('专业技术职务'), cell('', 2), cell('熟悉专业\n有何专长'), cell('', 2)], 600),
      row(
        [
          cell('学历学位', 1, { rowSpan: 2 }),
          cell('全日制教育'),
          cell([p.fullTimeEducation, p.fullTimeDegree].filter(Boolean).join('\n'), 2),
          cell('毕业院校\n系及专业'),
          cell(p.fullTimeSchool ?? '', 3, { left: true }),
        ],
        600,
      ),
      row(
        [
          cell('在职教育'),
          cell([p.partTimeEducation, p.partTimeDegree].filter(Boolean).join('\n'), 2),
          cell('毕业院校\n系及专业'),
          cell(p.partTimeSchool ?? '', 3, { left: true }),
        ],
        600,
      ),
      row([cell('现任职务', 2), cell(p.position ?? '', 6, { left: true })], 600),
      row([cell('拟任职务', 2), cell('', 6)], 600),
      row([cell('拟免职务', 2), cell('', 6)], 600),
      row([cell('简\n\n历'), cell(p.resume ?? '', 7, { left: true })], 4800),
      row([cell('奖惩情况'), cell('', 7, { left: true })], 900),
      row([cell('年度考核\n结果'), cell('', 7, { left: true })], 900),
      row([cell('任免理由'), cell('', 7, { left: true })], 900),
      ...familyRows(p.family ?? [], asOf),
      row([cell('呈报单位'), cell('', 3), cell('审批机关\n意见'), cell('', 3)], 1200),
      row([cell('行政机关\n任免意见'), cell('', 7)], 1200),
    ],
  });
  const doc = new Document({
    creator: '青苗',
    title: `干部任免审批表（${p.name}）`,
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [new TextRun({ text: '干部任免审批表', bold: true, font: '方正小标宋简体', size: 40 })],
          }),
          grid,
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            border: { top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } },
            children: [
              run(
                `填表人：            填表时间：${asOf.slice(0, 4)}年${Number(asOf.slice(5, 7))}月${Number(asOf.slice(8, 10))}日`,
              ),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
