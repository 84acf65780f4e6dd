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
  | 'effectiveDate'
  | 'ethnicity'
  | 'nativePlace'
  | 'birthPlace'
  | 'workStart'
  | 'partyJoinDate'
  | 'positionSince'
  | 'rankSince'
  | 'fullTimeEducation'
  | 'fullTimeDegree'
  | 'fullTimeSchool'
  | 'partTimeEducation'
  | 'partTimeDegree'
  | 'partTimeSchool';

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
    aliases: ['出生日期', '出生年月日', '出生时间', '出生年份'],
    required: true,
    hint: '1990.05、1990-05-01、1990年5月 或日期格式均可',
  },
  {
    field: 'idNumber',
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码', '身份证', '公民身份证号码', '身份证件号码'],
    required: false,
    hint: '18位；请把该列设为文本格式',
  },
  {
    field: 'education',
    header: '学历',
    aliases: ['最高学历', '文化程度', '最高学历学位', '学历学位›最高学历'],
    required: true,
    hint: '研究生/大学/大专/中专/高中及以下（本科、硕士等也可识别）；有“全日制教育”“在职教育”列时可不填，取其中较高者',
  },
  {
    field: 'educationDetail',
    header: '学历学位',
    aliases: ['学位', '最高学位', '毕业院校及专业', '毕业院校', '毕业院校系及专业'],
    required: false,
    hint: '如 硕士 北京大学',
  },
  {
    field: 'unit',
    header: '单位',
    aliases: ['工作单位', '所在单位', '单位名称', '现工作单位', '任职单位'],
    required: true,
    hint: '与系统中的单位名称或代码一致',
  },
  {
    field: 'position',
    header: '职务',
    aliases: ['现任职务', '现职务', '职务名称', '现工作单位及职务', '单位及职务'],
    required: false,
    hint: '',
  },
  {
    field: 'leadershipLevel',
    header: '层级',
    aliases: ['职务层次', '级别', '领导职务层次', '职务级别', '层次'],
    required: false,
    hint: '科员/副科/正科/副处/正处，或 乡科级副职、县处级正职领导职务 等；填职级（如一级科员）时同时记为职级',
  },
  {
    field: 'rank',
    header: '职级',
    aliases: ['现职级', '现任职级', '职级层次'],
    required: false,
    hint: '如 一级科员、四级主任科员、四级调研员；事业单位填 十级职员 至 三级职员',
  },
  {
    field: 'cadreType',
    header: '干部类别',
    aliases: ['人员类别', '编制类型', '身份类别', '编制性质', '人员身份'],
    required: false,
    hint: '公务员/参公/事业/国企/村干部/其他；不填时按单位类型推断（事业单位为事业，国有企业为国企，其余为公务员）',
  },
  {
    field: 'politicalStatus',
    header: '政治面貌',
    aliases: ['党派'],
    required: false,
    hint: '中共党员/共青团员/民盟盟员/群众 等',
  },
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
  { field: 'ethnicity', header: '民族', aliases: [], required: false, hint: '如 汉族' },
  { field: 'nativePlace', header: '籍贯', aliases: [], required: false, hint: '如 浙江杭州' },
  { field: 'birthPlace', header: '出生地', aliases: [], required: false, hint: '如 浙江杭州' },
  {
    field: 'workStart',
    header: '参加工作时间',
    aliases: ['参加工作年月', '参加工作日期', '工作时间'],
    required: false,
    hint: '年月，如 2015.08',
  },
  {
    field: 'partyJoinDate',
    header: '入党时间',
    aliases: ['入党年月', '入党日期', '入党（派）时间', '加入党派时间'],
    required: false,
    hint: '年月；民主党派成员可填党派名称（如 民盟），记为政治面貌',
  },
  {
    field: 'positionSince',
    header: '任现职务时间',
    aliases: ['任现职时间', '任职时间', '现职务任职时间', '任现职务日期', '任现职年月'],
    required: false,
    hint: '年月；多行时取第一行',
  },
  {
    field: 'rankSince',
    header: '任现职级时间',
    aliases: ['任现级别时间', '任现职级日期', '现职级时间', '任职级时间', '任同职级时间', '任现职务层次时间'],
    required: false,
    hint: '年月',
  },
  {
    field: 'fullTimeEducation',
    header: '全日制学历',
    aliases: ['全日制教育›学历学位', '全日制教育›学历', '全日制学历学位', '全日制教育学历'],
    required: false,
    hint: '学历与学位可写在同一格（分两行），如 研究生 / 管理学硕士',
  },
  {
    field: 'fullTimeDegree',
    header: '全日制学位',
    aliases: ['全日制教育›学位', '全日制教育学位'],
    required: false,
    hint: '如 工学学士',
  },
  {
    field: 'fullTimeSchool',
    header: '全日制毕业院校系及专业',
    aliases: [
      '全日制教育›毕业院校系及专业',
      '全日制教育›毕业院校及专业',
      '全日制教育›毕业院校',
      '全日制毕业院校及专业',
      '全日制毕业院校',
    ],
    required: false,
    hint: '如 浙江大学公共管理学院行政管理专业',
  },
  {
    field: 'partTimeEducation',
    header: '在职学历',
    aliases: ['在职教育›学历学位', '在职教育›学历', '在职学历学位', '在职教育学历'],
    required: false,
    hint: '同全日制学历',
  },
  {
    field: 'partTimeDegree',
    header: '在职学位',
    aliases: ['在职教育›学位', '在职教育学位'],
    required: false,
    hint: '',
  },
  {
    field: 'partTimeSchool',
    header: '在职毕业院校系及专业',
    aliases: [
      '在职教育›毕业院校系及专业',
      '在职教育›毕业院校及专业',
      '在职教育›毕业院校',
      '在职毕业院校及专业',
      '在职毕业院校',
    ],
    required: false,
    hint: '',
  },
];

/** Header words that only occur under a group header (a second or third header row). */
export const SUBHEADERS = new Set([
  '学历学位',
  '学历',
  '学位',
  '毕业院校系及专业',
  '毕业院校及专业',
  '毕业院校',
  '专业',
]);

/** Headers that are known but carry nothing Qingmiao keeps (listed as ignored, without a warning tone). */
export const KNOWN_IGNORED = new Set(['序号', '编号', '备注', '年龄', '照片', '出生年月岁']);

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

/**
 * A column under grouped headers ("全日制教育 › 学历学位"): the whole path first, then the path without its
 * top group, then the last header alone (a 姓名 merged over two header rows reads 姓名 › 姓名 → 姓名).
 */
export function columnForPath(parts: string[]): RosterColumn | undefined {
  const p = parts.map(normalizeHeader).filter((x, i, a) => x && x !== a[i - 1]);
  for (let i = 0; i < p.length; i++) {
    const c = BY_HEADER.get(p.slice(i).join('›'));
    if (c) return c;
  }
  return undefined;
}
