/**
 * The vocabularies a roster cell maps into (issue 16): tables as data, one entry per accepted spelling.
 * A value that no table knows is a row error naming the column, the value and the accepted values —
 * never stored as free text.
 */

/** Qingmiao's 层级 (leadership level). */
export const LEVELS = ['科员', '副科', '正科', '副处', '正处'] as const;
export type Level = (typeof LEVELS)[number];

/** 职级 of civil servants (公务员职务与职级并行) and the 管理岗位 levels of 事业单位 (职员). */
export const RANKS = [
  '试用期',
  '办事员',
  '二级科员',
  '一级科员',
  '四级主任科员',
  '三级主任科员',
  '二级主任科员',
  '一级主任科员',
  '四级调研员',
  '三级调研员',
  '二级调研员',
  '一级调研员',
  '二级巡视员',
  '一级巡视员',
  '十级职员',
  '九级职员',
  '八级职员',
  '七级职员',
  '六级职员',
  '五级职员',
  '四级职员',
  '三级职员',
] as const;
export type Rank = (typeof RANKS)[number];

/** The 层级 a 职级 corresponds to (for a 职务层次 column holding a 职级). */
const RANK_LEVEL: Partial<Record<Rank, Level>> = {
  二级科员: '科员',
  一级科员: '科员',
  办事员: '科员',
  试用期: '科员',
};

/** 职务层次 / 层级 / 级别 spellings → level (and rank when the cell names a 职级). */
export const LEVEL_SYNONYMS: Record<string, { level?: Level; rank?: Rank }> = {
  科员: { level: '科员' },
  科员级: { level: '科员' },
  副科: { level: '副科' },
  副科级: { level: '副科' },
  乡科级副职: { level: '副科' },
  乡科级副职领导职务: { level: '副科' },
  副科级领导职务: { level: '副科' },
  正科: { level: '正科' },
  正科级: { level: '正科' },
  乡科级正职: { level: '正科' },
  乡科级正职领导职务: { level: '正科' },
  正科级领导职务: { level: '正科' },
  副处: { level: '副处' },
  副处级: { level: '副处' },
  县处级副职: { level: '副处' },
  县处级副职领导职务: { level: '副处' },
  正处: { level: '正处' },
  正处级: { level: '正处' },
  县处级正职: { level: '正处' },
  县处级正职领导职务: { level: '正处' },
  ...Object.fromEntries(RANKS.map((r) => [r, { level: RANK_LEVEL[r], rank: r }])),
};

/** 职级 spellings (older titles map to today's). */
export const RANK_SYNONYMS: Record<string, Rank> = {
  ...Object.fromEntries(RANKS.map((r) => [r, r])),
  科员: '一级科员',
  主任科员: '四级主任科员',
  副主任科员: '一级科员',
  调研员: '四级调研员',
  副调研员: '二级主任科员',
  管理十级: '十级职员',
  管理九级: '九级职员',
  管理八级: '八级职员',
  管理七级: '七级职员',
  管理六级: '六级职员',
  管理五级: '五级职员',
  管理岗十级: '十级职员',
  管理岗九级: '九级职员',
  管理岗八级: '八级职员',
  管理岗七级: '七级职员',
  管理岗六级: '六级职员',
  管理岗五级: '五级职员',
};

export const EDUCATION_LEVELS = ['研究生', '大学', '大专', '中专', '高中及以下'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** 学历 spellings → Qingmiao's education level; the text as written is kept in the 全日制/在职 fields. */
export const EDUCATION_SYNONYMS: Record<string, EducationLevel> = {
  研究生: '研究生',
  博士研究生: '研究生',
  硕士研究生: '研究生',
  研究生毕业: '研究生',
  博士: '研究生',
  硕士: '研究生',
  在职研究生: '研究生',
  大学: '大学',
  本科: '大学',
  大学本科: '大学',
  大学毕业: '大学',
  大学本科毕业: '大学',
  大专: '大专',
  专科: '大专',
  大学专科: '大专',
  大学专科毕业: '大专',
  高职: '大专',
  中专: '中专',
  中专毕业: '中专',
  中等专科: '中专',
  中技: '中专',
  技校: '中专',
  职高: '中专',
  高中: '高中及以下',
  初中: '高中及以下',
  小学: '高中及以下',
  高中及以下: '高中及以下',
};

/** 学位: 博士/硕士/学士, optionally with the discipline (管理学硕士, 工学学士, 公共管理硕士 …). */
export const DEGREE = /^(?:[\u4e00-\u9fa5]{0,8})(?:博士|硕士|学士)(?:学位)?$/;

/** 政治面貌 spellings → the standard name. */
export const POLITICAL_SYNONYMS: Record<string, string> = {
  中共党员: '中共党员',
  党员: '中共党员',
  中国共产党党员: '中共党员',
  中共预备党员: '中共预备党员',
  预备党员: '中共预备党员',
  共青团员: '共青团员',
  团员: '共青团员',
  民革: '民革会员',
  民革会员: '民革会员',
  民盟: '民盟盟员',
  民盟盟员: '民盟盟员',
  民建: '民建会员',
  民建会员: '民建会员',
  民进: '民进会员',
  民进会员: '民进会员',
  农工党: '农工党党员',
  农工党党员: '农工党党员',
  致公党: '致公党党员',
  致公党党员: '致公党党员',
  九三学社: '九三学社社员',
  九三学社社员: '九三学社社员',
  台盟: '台盟盟员',
  台盟盟员: '台盟盟员',
  无党派: '无党派人士',
  无党派人士: '无党派人士',
  群众: '群众',
};

/** 干部类别 spellings. */
export const CADRE_TYPE_SYNONYMS: Record<string, '公务员' | '参公' | '事业' | '国企' | '村干部' | '其他'> = {
  公务员: '公务员',
  行政: '公务员',
  行政编制: '公务员',
  参公: '参公',
  参照公务员法管理: '参公',
  参照管理: '参公',
  参公管理: '参公',
  事业: '事业',
  事业编制: '事业',
  事业单位: '事业',
  事业人员: '事业',
  国企: '国企',
  国有企业: '国企',
  企业: '国企',
  村干部: '村干部',
  社区干部: '村干部',
  其他: '其他',
  其它: '其他',
};

/** 干部类别 when the file has none: from the kind of the person's unit. */
export const CADRE_TYPE_BY_UNIT_KIND: Record<string, '公务员' | '事业' | '国企'> = {
  county: '公务员',
  township: '公务员',
  county_department: '公务员',
  institution: '事业',
  enterprise: '国企',
  other: '公务员',
};

/** Cells that mean "nothing here" in exported rosters. */
export const PLACEHOLDERS = new Set(['-', '--', '—', '——', '－', '/', '无', '空', 'null', 'NULL', '—/—']);

/** Rows that end a sheet's data: notes, signatures, stamps. */
export const TRAILER = /^(注|备注|说明|填表|制表|审核|审批|签字|盖章|单位盖章|负责人|联系人|填报)/;

/** Accepted values, for an error message (at most `n`, then …). */
export function accepted(values: readonly string[], n = 12): string {
  return values.length > n ? `${values.slice(0, n).join('/')}…` : values.join('/');
}
