import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { timestamps } from './_columns.js';

export const UNIT_KINDS = ['county', 'township', 'county_department', 'institution', 'enterprise', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Units 单位. A county is a unit of kind `county` with no parent; a deployment may hold several. */
export const units = pgTable(
  'units',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Stable key for imports (the department's own unit code, or the full name). */
    code: text().notNull(),
    name: text().notNull(),
    kind: text({ enum: UNIT_KINDS }).notNull(),
    parentId: integer().references((): any => units.id),
    /** Root county of this unit (itself for a county). */
    countyId: integer(),
    /** 领域, e.g. 教育, 卫生健康; null when none. */
    domain: text(),
    /** The competent department (主管部门) of `domain`. */
    domainDeptUnitId: integer().references((): any => units.id),
    sortOrder: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('units_code_uq').on(t.code), index('units_parent_idx').on(t.parentId)],
);

export const EDUCATIONS = ['研究生', '大学', '大专', '中专', '高中及以下'] as const;
export const CADRE_TYPES = ['公务员', '参公', '事业', '国企', '村干部', '其他'] as const;

/** A family member as the 干部任免审批表 lists them (称谓, 姓名, 出生日期, 政治面貌, 工作单位及职务). */
export interface FamilyMember {
  relation: string;
  name: string;
  birth?: string;
  political?: string;
  work?: string;
}

/** People 干部. `personKey` is the stable import key (ID number when known). */
export const people = pgTable(
  'people',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personKey: text().notNull(),
    name: text().notNull(),
    gender: text({ enum: ['男', '女'] }).notNull(),
    birthDate: date({ mode: 'string' }).notNull(),
    idNumber: text(),
    mobile: text(),
    email: text(),
    education: text({ enum: EDUCATIONS }).notNull(),
    /** Highest degree / school, free text (e.g. 硕士 北京大学). */
    educationDetail: text(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    position: text(),
    /** 科员 / 副科 / 正科 / 副处 / 正处 … */
    leadershipLevel: text(),
    /** 职级, e.g. 一级科员, 四级主任科员. */
    rank: text(),
    cadreType: text({ enum: CADRE_TYPES }).notNull().default('公务员'),
    isXuandiao: boolean().notNull().default(false),
    isSecondee: boolean().notNull().default(false),
    isCountyLeader: boolean().notNull().default(false),
    politicalStatus: text(),
    /** Date they started working in a township (乡镇工作起始时间). */
    townshipWorkStart: date({ mode: 'string' }),
    // Roster fields of the 干部花名册 / 干部任免审批表 (issue 16).
    /** 民族, 籍贯, 出生地 as written (e.g. 汉族, 浙江杭州). */
    ethnicity: text(),
    nativePlace: text(),
    birthPlace: text(),
    /** 参加工作时间, 入党时间 (null for 群众 or a party other than the CPC). */
    workStart: date({ mode: 'string' }),
    partyJoinDate: date({ mode: 'string' }),
    /** 任现职务时间, 任现职级时间. */
    positionSince: date({ mode: 'string' }),
    rankSince: date({ mode: 'string' }),
    /** 全日制教育 / 在职教育: 学历, 学位, 毕业院校系及专业. */
    fullTimeEducation: text(),
    fullTimeDegree: text(),
    fullTimeSchool: text(),
    partTimeEducation: text(),
    partTimeDegree: text(),
    partTimeSchool: text(),
    /** 简历 of the 干部任免审批表, one line per period, as written. */
    resume: text(),
    /** 家庭主要成员及重要社会关系 of the 干部任免审批表. */
    family: jsonb().$type<FamilyMember[]>(),
    openId: text(),
    userId: text(),
    pinyin: text().notNull().default(''),
    pinyinInitials: text().notNull().default(''),
    active: boolean().notNull().default(true),
    leftAt: date({ mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('people_key_uq').on(t.personKey),
    uniqueIndex('people_open_id_uq').on(t.openId).where(sql`open_id is not null`),
    index('people_unit_idx').on(t.unitId),
    index('people_birth_idx').on(t.birthDate),
    index('people_name_idx').on(t.name),
    index('people_initials_idx').on(t.pinyinInitials),
    index('people_user_id_idx').on(t.userId),
  ],
);

/** Leadership posts: who is main leader (主要领导) / deputy (分管领导) of which unit, over time. */
export const leadershipPositions = pgTable(
  'leadership_positions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    role: text({ enum: ['main', 'deputy', 'member'] }).notNull(),
    title: text(),
    startDate: date({ mode: 'string' }).notNull(),
    /** Exclusive; null while in post. */
    endDate: date({ mode: 'string' }),
  },
  (t) => [index('lp_unit_idx').on(t.unitId), index('lp_person_idx').on(t.personId)],
);

/** Which cadres a deputy leader supervises inside the unit (his 分管 area), over time. */
export const deputySupervisions = pgTable(
  'deputy_supervisions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    deputyPersonId: integer()
      .notNull()
      .references(() => people.id),
    cadrePersonId: integer()
      .notNull()
      .references(() => people.id),
    area: text(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }),
  },
  (t) => [index('ds_deputy_idx').on(t.deputyPersonId), index('ds_cadre_idx').on(t.cadrePersonId)],
);

/** County leaders' contact (联系) and supervision (分管) links to units, over time. */
export const leaderUnitLinks = pgTable(
  'leader_unit_links',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    leaderPersonId: integer()
      .notNull()
      .references(() => people.id),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    kind: text({ enum: ['contact', 'supervise'] }).notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }),
  },
  (t) => [index('lul_leader_idx').on(t.leaderPersonId), index('lul_unit_idx').on(t.unitId)],
);

export const ROLES = [
  'org_admin',
  'county_leader',
  'unit_main_leader',
  'unit_deputy_leader',
  'unit_party_org',
  'domain_dept',
  'discipline_liaison',
  'cadre',
] as const;
export type Role = (typeof ROLES)[number];

/** Explicit role grants (SPEC §1). Leader roles may also be derived from posts and links. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    role: text({ enum: ROLES }).notNull(),
    /** Scope unit: own unit for unit_party_org, the county for org_admin, the dept for domain_dept. */
    unitId: integer().references(() => units.id),
    /** For domain_dept: the domain it is competent for. */
    domain: text(),
    grantedAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('rg_person_idx').on(t.personId)],
);

/** Audit log: every write and every profile view. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorPersonId: integer(),
    actorOpenId: text(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    eventId: text(),
    detail: jsonb(),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId),
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorPersonId, t.at),
  ],
);
