/**
 * Stable people of the demo county 示范县, for demos, tests and the emulator console. Their names, mobiles,
 * units and posts never change with the seed; their birth dates are set relative to the seeding date so
 * their ages stay as documented here.
 */
export interface DemoPersona {
  name: string;
  gender: '男' | '女';
  age: number;
  mobile: string;
  email: string;
  /** Unit name in the first county (示范县). */
  unit: string;
  /** Where the persona sits in the unit: a team slot (index into the team table) or a staff position. */
  slot: { team: number } | { staff: number };
  position: string;
  isXuandiao?: boolean;
  /** What the persona is for (Chinese, shown in the console). */
  note: string;
}

const mail = (local: string) => `${local}@shifanxian.gov.cn`;

export const DEMO_PERSONAS = {
  orgAdmin: {
    name: '林晓燕',
    gender: '女',
    age: 41,
    mobile: '13900000001',
    email: mail('linxiaoyan'),
    unit: '县委组织部',
    slot: { staff: 1 },
    position: '干部监督科科长',
    note: '组织部门（org_admin）：查看全部、导入导出花名册、绑定账号',
  },
  countyLeader: {
    name: '赵建国',
    gender: '男',
    age: 52,
    mobile: '13900000002',
    email: mail('zhaojianguo'),
    unit: '示范县',
    slot: { team: 4 },
    position: '县委副书记',
    note: '县级领导（county_leader）：联系青山镇、溪口镇，分管县教育局及其所属学校、县退役军人事务局',
  },
  townshipMain: {
    name: '周志远',
    gender: '男',
    age: 45,
    mobile: '13900000003',
    email: mail('zhouzhiyuan'),
    unit: '青山镇',
    slot: { team: 0 },
    position: '党委书记',
    note: '单位主要领导（unit_main_leader）：青山镇全体年轻干部',
  },
  townshipDeputy: {
    name: '吴海涛',
    gender: '男',
    age: 38,
    mobile: '13900000004',
    email: mail('wuhaitao'),
    unit: '青山镇',
    slot: { team: 9 },
    position: '副镇长',
    note: '单位分管领导（unit_deputy_leader）：分管社会事务，含陈思雨',
  },
  youngCadre: {
    name: '陈思雨',
    gender: '女',
    age: 27,
    mobile: '13900000005',
    email: mail('chensiyu'),
    unit: '青山镇',
    slot: { staff: 8 },
    position: '社会事务办公室科员',
    isXuandiao: true,
    note: '年轻干部（cadre），选调生，由吴海涛分管',
  },
  otherDeputysCadre: {
    name: '刘子轩',
    gender: '男',
    age: 29,
    mobile: '13900000006',
    email: mail('liuzixuan'),
    unit: '青山镇',
    slot: { staff: 9 },
    position: '经济发展办公室科员',
    note: '青山镇年轻干部，不由吴海涛分管（吴海涛看不到）',
  },
  otherTownshipCadre: {
    name: '黄雅婷',
    gender: '女',
    age: 26,
    mobile: '13900000007',
    email: mail('huangyating'),
    unit: '白水镇',
    slot: { staff: 5 },
    position: '党政综合办公室科员',
    note: '白水镇年轻干部（青山镇领导看不到）',
  },
  partyOrg: {
    name: '郑丽华',
    gender: '女',
    age: 36,
    mobile: '13900000008',
    email: mail('zhenglihua'),
    unit: '县教育局',
    slot: { staff: 0 },
    position: '机关党委专职副书记',
    note: '单位党组织（unit_party_org）：县教育局，推荐清单A',
  },
  domainDept: {
    name: '孙明',
    gender: '男',
    age: 44,
    mobile: '13900000009',
    email: mail('sunming'),
    unit: '县卫生健康局',
    slot: { staff: 1 },
    position: '人事股股长',
    note: '领域主管部门（domain_dept）：卫生健康领域，推荐清单B',
  },
  disciplineLiaison: {
    name: '钱文斌',
    gender: '男',
    age: 47,
    mobile: '13900000010',
    email: mail('qianwenbin'),
    unit: '县纪委监委',
    slot: { staff: 1 },
    position: '党风政风监督室主任',
    note: '纪委/信访联络人（discipline_liaison）：报送问题线索',
  },
  deptMain: {
    name: '马卫东',
    gender: '男',
    age: 50,
    mobile: '13900000011',
    email: mail('maweidong'),
    unit: '县教育局',
    slot: { team: 0 },
    position: '党组书记、局长',
    note: '县直部门主要领导（unit_main_leader）：县教育局',
  },
} as const satisfies Record<string, DemoPersona>;

export type PersonaId = keyof typeof DEMO_PERSONAS;
