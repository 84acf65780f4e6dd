import type { UnitKind } from '../../../db/schema/org.js';

/** The unit catalogue of one demo county: fictional, but shaped like a real county's organisation. */
export const TOWNSHIPS = [
  '青山镇',
  '白水镇',
  '石桥镇',
  '龙泉镇',
  '桃花乡',
  '柳河乡',
  '新华镇',
  '平安乡',
  '高坪镇',
  '黄田乡',
  '双江镇',
  '金沙镇',
  '云台乡',
  '枫林镇',
  '长岭乡',
  '溪口镇',
  '杨柳镇',
  '东城街道',
  '西城街道',
  '城关镇',
] as const;

/** [name, domain this department is the competent department of (or null)]. */
export const DEPARTMENTS: readonly (readonly [string, string | null])[] = [
  ['县委办公室', null],
  ['县政府办公室', null],
  ['县纪委监委', null],
  ['县委组织部', null],
  ['县委宣传部', '宣传文化'],
  ['县委统战部', null],
  ['县委政法委', '政法'],
  ['县发展和改革局', '经济发展'],
  ['县教育局', '教育'],
  ['县科技和工业信息化局', null],
  ['县公安局', null],
  ['县民政局', null],
  ['县司法局', null],
  ['县财政局', null],
  ['县人力资源和社会保障局', null],
  ['县自然资源局', '自然资源'],
  ['县住房和城乡建设局', '住房城建'],
  ['县交通运输局', '交通运输'],
  ['县水利局', '水利'],
  ['县农业农村局', '农业农村'],
  ['县商务局', null],
  ['县文化旅游广电局', '文化旅游'],
  ['县卫生健康局', '卫生健康'],
  ['县退役军人事务局', null],
  ['县应急管理局', null],
  ['县审计局', null],
  ['县市场监督管理局', null],
  ['县信访局', null],
];

/** Departments that belong to a domain without being its competent department. */
export const DEPARTMENT_DOMAINS: Record<string, string> = {
  县公安局: '政法',
  县司法局: '政法',
  县科技和工业信息化局: '经济发展',
  县商务局: '经济发展',
  县财政局: '经济发展',
};

/** [name, domain] — institutions (事业单位) sit in a domain whose competent department supervises them. */
export const INSTITUTIONS: readonly (readonly [string, string])[] = [
  ['县第一中学', '教育'],
  ['县第二中学', '教育'],
  ['县实验小学', '教育'],
  ['县职业中专学校', '教育'],
  ['县人民医院', '卫生健康'],
  ['县中医医院', '卫生健康'],
  ['县疾病预防控制中心', '卫生健康'],
  ['县妇幼保健院', '卫生健康'],
  ['县农业技术推广中心', '农业农村'],
  ['县畜牧水产事务中心', '农业农村'],
  ['县公路建设养护中心', '交通运输'],
  ['县不动产登记中心', '自然资源'],
  ['县文化馆', '文化旅游'],
  ['县融媒体中心', '宣传文化'],
];

/** County leaders (县级领导): title, leadership level. */
export const COUNTY_LEADERS: readonly (readonly [string, string])[] = [
  ['县委书记', '正处'],
  ['县长', '正处'],
  ['县人大常委会主任', '正处'],
  ['县政协主席', '正处'],
  ['县委副书记', '副处'],
  ['常务副县长', '副处'],
  ['县委常委、组织部部长', '副处'],
  ['县委常委、纪委书记', '副处'],
  ['县委常委、宣传部部长', '副处'],
  ['县委常委、政法委书记', '副处'],
  ['县委常委、办公室主任', '副处'],
  ['副县长', '副处'],
  ['副县长', '副处'],
  ['副县长', '副处'],
  ['副县长', '副处'],
];

export interface TeamSlot {
  title: string;
  role: 'main' | 'deputy';
  level: string;
  /** The area a deputy supervises (分管). */
  area?: string;
}

export const TOWNSHIP_TEAM: readonly TeamSlot[] = [
  { title: '党委书记', role: 'main', level: '正科' },
  { title: '党委副书记、镇长', role: 'deputy', level: '正科', area: '政府全面工作' },
  { title: '人大主席', role: 'deputy', level: '正科', area: '人大工作' },
  { title: '党委副书记', role: 'deputy', level: '副科', area: '党建和乡村振兴' },
  { title: '纪委书记', role: 'deputy', level: '副科', area: '纪检监察' },
  { title: '组织委员', role: 'deputy', level: '副科', area: '组织人事' },
  { title: '宣传委员', role: 'deputy', level: '副科', area: '宣传统战' },
  { title: '武装部部长', role: 'deputy', level: '副科', area: '武装和应急' },
  { title: '副镇长', role: 'deputy', level: '副科', area: '经济发展' },
  { title: '副镇长', role: 'deputy', level: '副科', area: '社会事务' },
  { title: '副镇长', role: 'deputy', level: '副科', area: '农业农村' },
  { title: '副镇长', role: 'deputy', level: '副科', area: '城建和安全生产' },
];

export const DEPARTMENT_TEAM: readonly TeamSlot[] = [
  { title: '党组书记、局长', role: 'main', level: '正科' },
  { title: '党组成员、副局长', role: 'deputy', level: '副科', area: '业务一' },
  { title: '党组成员、副局长', role: 'deputy', level: '副科', area: '业务二' },
  { title: '党组成员、副局长', role: 'deputy', level: '副科', area: '综合保障' },
];

export const INSTITUTION_TEAM: readonly TeamSlot[] = [
  { title: '党总支书记、主任', role: 'main', level: '正科' },
  { title: '副主任', role: 'deputy', level: '副科', area: '业务' },
  { title: '副主任', role: 'deputy', level: '副科', area: '综合' },
];

/** Staff per unit (besides the team) at scale 1. */
export const STAFF = { township: 70, county_department: 30, institution: 25 } as const satisfies Partial<
  Record<UnitKind, number>
>;

export const STAFF_POSITIONS = {
  township: [
    '党政综合办公室科员',
    '党建工作办公室科员',
    '经济发展办公室科员',
    '社会事务办公室科员',
    '综治中心科员',
    '财政所科员',
    '农业综合服务中心干部',
  ],
  county_department: ['办公室科员', '业务股科员', '政策法规股科员', '财务股科员', '综合股科员'],
  institution: ['办公室干事', '业务科室干事', '专业技术人员'],
} as const;
