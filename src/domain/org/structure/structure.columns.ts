/** The org-structure workbook (组织架构): its sheets, their Chinese headers and the variants accepted. */
export type SheetKey = 'units' | 'posts' | 'links' | 'supervisions';

export interface StructureColumn {
  field: string;
  /** Written on export and in the template. */
  header: string;
  aliases: string[];
  required: boolean;
  /** How to fill it in (Chinese; the template's 填写说明 and docs). */
  hint: string;
}

export interface SheetSpec {
  key: SheetKey;
  /** The sheet name written on export; `names` are the names recognised on import. */
  title: string;
  names: string[];
  /** Fields whose headers alone identify the sheet, whatever it is called. */
  signature: string[];
  columns: StructureColumn[];
}

const col = (field: string, header: string, aliases: string[], required: boolean, hint: string) => ({
  field,
  header,
  aliases,
  required,
  hint,
});
const MOBILE = ['手机', '手机号码', '联系电话'];
const ID_NUMBER = ['身份证号码', '公民身份号码', '身份证'];
const DATE_HINT = '2024-03-01、2024.03 或日期格式';

export const UNITS_SHEET: SheetSpec = {
  key: 'units',
  title: '单位',
  names: ['单位', '单位信息', '单位表', '单位列表', '单位设置', '组织架构'],
  signature: ['name', 'kind'],
  columns: [
    col('name', '单位名称', ['单位', '名称'], true, '全称，如 青山镇、县教育局；县本身也占一行'),
    col('code', '单位代码', ['代码', '单位编码', '编码'], false, '可不填（按名称匹配；系统生成“县名+单位名”）'),
    col(
      'kind',
      '单位类别',
      ['类别', '单位类型', '类型'],
      true,
      '县/区、乡镇、街道、县直部门、事业单位、国有企业、其他',
    ),
    col('parent', '上级单位', ['隶属单位', '所属单位', '上级'], true, '顶层单位填本县名称；县/区留空'),
    col('domain', '领域', ['所属领域', '行业领域'], false, '如 教育、卫生健康；留空表示无'),
    col('domainDept', '主管部门', ['领域主管部门', '行业主管部门'], false, '该领域的主管部门（单位名称或代码）'),
    col('sortOrder', '排序', ['排序号', '显示顺序'], false, '整数，小的在前；留空保持原值'),
  ],
};

export const POSTS_SHEET: SheetSpec = {
  key: 'posts',
  title: '领导班子',
  names: ['领导班子', '班子成员', '班子', '领导职务'],
  signature: ['name', 'role'],
  columns: [
    col('name', '姓名', ['领导姓名'], true, '须已在花名册中'),
    col('mobile', '手机号', MOBILE, false, '手机号或身份证号至少填一项，用于确定花名册中的人员'),
    col('idNumber', '身份证号', ID_NUMBER, false, '18位，请设为文本格式'),
    col('unit', '单位', ['任职单位', '单位名称'], true, '单位名称或代码'),
    col('role', '职务类别', ['班子职务类别', '职务类型', '领导类别'], true, '主要领导、分管领导、班子成员'),
    col('title', '职务名称', ['职务', '具体职务'], false, '如 党委书记、副镇长'),
    col('startDate', '任职日期', ['任职时间', '任职起始日期'], true, DATE_HINT),
    col('endDate', '免职日期', ['免职时间', '离任日期', '离任时间'], false, '填写即结束该职务（当天起不再在任）'),
  ],
};

export const LINKS_SHEET: SheetSpec = {
  key: 'links',
  title: '联系分管',
  names: ['联系分管', '县级领导联系分管', '联系分管单位'],
  signature: ['name', 'kind'],
  columns: [
    col('name', '县级领导', ['县级领导姓名', '领导姓名', '姓名'], true, '须已在花名册中；导入后标记为县级领导'),
    col('mobile', '手机号', MOBILE, false, '手机号或身份证号至少填一项'),
    col('idNumber', '身份证号', ID_NUMBER, false, '18位，请设为文本格式'),
    col('unit', '单位', ['联系分管单位', '单位名称'], true, '联系或分管的单位'),
    col('kind', '关系', ['关系类型', '联系或分管'], true, '联系、分管'),
    col('startDate', '开始日期', ['开始时间', '起始日期'], true, DATE_HINT),
    col('endDate', '结束日期', ['结束时间', '截止日期'], false, '填写即结束该关系'),
  ],
};

export const SUPERVISIONS_SHEET: SheetSpec = {
  key: 'supervisions',
  title: '分管干部',
  names: ['分管干部', '分管关系', '单位分管'],
  signature: ['deputyName', 'cadreName'],
  columns: [
    col('deputyName', '分管领导', ['分管领导姓名'], true, '本单位班子成员，须已在花名册中'),
    col('deputyMobile', '分管领导手机号', ['分管领导手机'], false, '手机号或身份证号至少填一项'),
    col('deputyIdNumber', '分管领导身份证号', ['分管领导身份证号码'], false, ''),
    col('cadreName', '干部', ['干部姓名', '被分管干部'], true, '须已在花名册中'),
    col('cadreMobile', '干部手机号', ['干部手机'], false, '手机号或身份证号至少填一项'),
    col('cadreIdNumber', '干部身份证号', ['干部身份证号码'], false, ''),
    col('area', '分管领域', ['分管工作', '分管范围'], false, '如 社会事务'),
    col('startDate', '开始日期', ['开始时间', '起始日期'], true, DATE_HINT),
    col('endDate', '结束日期', ['结束时间', '截止日期'], false, '填写即结束分管'),
  ],
};

/** In the order they are checked and written: units first, so the other sheets may name new units. */
export const SHEETS: SheetSpec[] = [UNITS_SHEET, POSTS_SHEET, LINKS_SHEET, SUPERVISIONS_SHEET];
