/** The roster (花名册) columns: the department's own Chinese headers and their common variants. */
export type RosterField =
  | 'name'
  | 'gender'
  | 'birthDate'
  | 'idNumber'
  | 'education'
  | 'educationDetail'
  | 'unit'
  | 'position'
  | 'leadershipLevel'
  | 'rank'
  | 'cadreType'
  | 'politicalStatus'
  | 'isXuandiao'
  | 'isSecondee'
  | 'isCountyLeader'
  | 'townshipWorkStart'
  | 'mobile'
  | 'email'
  | 'status'
  | 'effectiveDate';

export interface RosterColumn {
  field: RosterField;
  /** The header written on export and in the template. */
  header: string;
  aliases: string[];
  required: boolean;
  /** How to fill it in (Chinese; docs and template). */
  hint: string;
}

export const ROSTER_COLUMNS: RosterColumn[] = [
  { field: 'name', header: '姓名', aliases: ['干部姓名'], required: true, hint: '必填' },
  { field: 'gender', header: '性别', aliases: [], required: true, hint: '男/女；为空时按身份证号推断' },
  {
    field: 'birthDate',
    header: '出生年月',
    aliases: ['出生日期', '出生年月日', '出生时间'],
    required: true,
    hint: '1990.05、1990-05-01、1990年5月 或日期格式均可',
  },
  {
    field: 'idNumber',
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码', '身份证'],
    required: false,
    hint: '18位；请把该列设为文本格式',
  },
  {
    field: 'education',
    header: '学历',
    aliases: ['最高学历', '全日制学历', '文化程度'],
    required: true,
    hint: '研究生/大学/大专/中专/高中及以下（本科、硕士等也可识别）',
  },
  {
    field: 'educationDetail',
    header: '学历学位',
    aliases: ['学位', '毕业院校及专业', '毕业院校'],
    required: false,
    hint: '如 硕士 北京大学',
  },
  {
    field: 'unit',
    header: '单位',
    aliases: ['工作单位', '所在单位', '单位名称'],
    required: true,
    hint: '与系统中的单位名称或代码一致',
  },
  { field: 'position', header: '职务', aliases: ['现任职务', '现职务', '职务名称'], required: false, hint: '' },
  {
    field: 'leadershipLevel',
    header: '层级',
    aliases: ['职务层次', '级别', '领导职务层次'],
    required: false,
    hint: '科员/副科/正科/副处/正处',
  },
  { field: 'rank', header: '职级', aliases: ['现职级'], required: false, hint: '如 一级科员、四级主任科员' },
  {
    field: 'cadreType',
    header: '干部类别',
    aliases: ['人员类别', '编制类型', '身份类别'],
    required: false,
    hint: '公务员/参公/事业/村干部/其他，默认公务员',
  },
  { field: 'politicalStatus', header: '政治面貌', aliases: [], required: false, hint: '' },
  { field: 'isXuandiao', header: '选调生', aliases: ['是否选调生'], required: false, hint: '是/否' },
  {
    field: 'isSecondee',
    header: '挂职',
    aliases: ['省市派挂职', '是否挂职', '挂职干部'],
    required: false,
    hint: '是/否（省市派挂职）',
  },
  { field: 'isCountyLeader', header: '县级领导', aliases: ['是否县级领导'], required: false, hint: '是/否' },
  {
    field: 'townshipWorkStart',
    header: '乡镇工作时间',
    aliases: ['乡镇工作起始时间', '到乡镇工作时间', '开始乡镇工作时间'],
    required: false,
    hint: '开始在乡镇工作的年月',
  },
  {
    field: 'mobile',
    header: '手机号',
    aliases: ['手机', '手机号码', '联系电话', '联系方式'],
    required: false,
    hint: '11位，用于绑定飞书账号',
  },
  { field: 'email', header: '邮箱', aliases: ['电子邮箱', '邮件'], required: false, hint: '用于绑定飞书账号' },
  {
    field: 'status',
    header: '在职状态',
    aliases: ['状态', '人员状态'],
    required: false,
    hint: '在职/离职/调出/退休，默认在职',
  },
  {
    field: 'effectiveDate',
    header: '生效日期',
    aliases: ['变动日期', '调动日期', '任职变动日期'],
    required: false,
    hint: '单位、职务、职级变动的生效日期；不填为导入当天。不能早于该同志上一次变动，也不能太远',
  },
];

/** Full-width → half-width, no spaces, no required-marks or parenthesised notes: "＊出生年月（例：1990.05）" → "出生年月". */
export function normalizeHeader(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\(.*?\)|（.*?）/g, '')
    .replace(/[\s*:：]/g, '');
}

const BY_HEADER = new Map<string, RosterColumn>(
  ROSTER_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [normalizeHeader(h), c] as const)),
);

export function columnForHeader(raw: string): RosterColumn | undefined {
  return BY_HEADER.get(normalizeHeader(raw));
}
