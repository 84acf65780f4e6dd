import type { CADRE_TYPES, EDUCATIONS } from '../../../db/schema/org.js';
import { addDays } from '../../../time.js';
import { namePinyin } from '../org.pinyin.js';
import { idCheckChar, youngBirthCutoff } from '../org.rules.js';
import { generateName } from './names.js';
import type { DemoPersona } from './personas.js';
import type { Rng } from './prng.js';

export interface DemoPerson {
  /** Stable import key: 'id:<ID number>'. */
  key: string;
  name: string;
  gender: '男' | '女';
  birthDate: string;
  idNumber: string;
  mobile: string;
  email: string;
  education: (typeof EDUCATIONS)[number];
  educationDetail: string;
  unitCode: string;
  position: string;
  leadershipLevel: string;
  rank: string;
  cadreType: (typeof CADRE_TYPES)[number];
  isXuandiao: boolean;
  isSecondee: boolean;
  isCountyLeader: boolean;
  politicalStatus: string;
  townshipWorkStart: string | null;
}

export interface PersonSpec {
  unitCode: string;
  township: boolean;
  age: number;
  /** Overrides the birth date derived from `age`. */
  birthDate?: string;
  position: string;
  level: string;
  cadreType: DemoPerson['cadreType'];
  /** Years since they started in a township (null: never); default: since hiring when `township`. */
  townshipYears?: number | null;
  isCountyLeader?: boolean;
  persona?: DemoPersona;
}

const EDU_BY_AGE: Record<'young' | 'mid' | 'old', readonly (readonly [DemoPerson['education'], number])[]> = {
  young: [
    ['研究生', 18],
    ['大学', 72],
    ['大专', 10],
  ],
  mid: [
    ['研究生', 8],
    ['大学', 65],
    ['大专', 22],
    ['中专', 5],
  ],
  old: [
    ['研究生', 3],
    ['大学', 45],
    ['大专', 35],
    ['中专', 12],
    ['高中及以下', 5],
  ],
};
const EDU_DETAIL = { 研究生: '硕士研究生', 大学: '大学本科', 大专: '大学专科', 中专: '中专', 高中及以下: '高中' };

/** Builds fictional people for one county: names, birth dates, ID numbers, contacts, education, flags. */
export class PersonFactory {
  private readonly idSeq = new Map<string, number>();
  constructor(
    private readonly rng: Rng,
    private readonly today: string,
    private readonly region: string,
    private readonly counter: { n: number },
  ) {}

  /** A birth date giving exactly `age` full years today. */
  birthForAge(age: number): string {
    const latest = youngBirthCutoff(this.today, age);
    const earliest = addDays(youngBirthCutoff(this.today, age + 1), 1);
    const span = Math.round((Date.parse(latest) - Date.parse(earliest)) / 86_400_000);
    return addDays(earliest, this.rng.int(0, span));
  }

  make(spec: PersonSpec): DemoPerson {
    const { rng } = this;
    const p = spec.persona;
    const gender = p?.gender ?? (rng.chance(spec.township ? 0.62 : 0.55) ? '男' : '女');
    const name = p?.name ?? generateName(rng, gender);
    const birthDate =
      spec.birthDate ?? (p ? addDays(youngBirthCutoff(this.today, p.age), -100) : this.birthForAge(spec.age));
    const band = spec.age < 35 ? 'young' : spec.age < 46 ? 'mid' : 'old';
    const education = rng.weighted(EDU_BY_AGE[band]);
    const idNumber = this.idNumber(birthDate, gender);
    const n = this.counter.n++;
    const hireAge = education === '研究生' ? 25 : rng.int(21, 24);
    const tYears =
      spec.townshipYears !== undefined ? spec.townshipYears : spec.township ? Math.max(0, spec.age - hireAge) : null;
    const young = spec.age < 35;
    return {
      key: `id:${idNumber}`,
      name,
      gender,
      birthDate,
      idNumber,
      mobile: p?.mobile ?? `139${String(10_000 + n).padStart(8, '0')}`,
      email: p?.email ?? `${namePinyin(name).full}${n}@shifanxian.gov.cn`,
      education,
      educationDetail: EDU_DETAIL[education],
      unitCode: spec.unitCode,
      position: p?.position ?? spec.position,
      leadershipLevel: spec.level,
      rank: rankFor(spec.cadreType, spec.age, spec.level),
      cadreType: spec.cadreType,
      isXuandiao:
        p && 'isXuandiao' in p ? p.isXuandiao === true : young ? rng.chance(0.25) : spec.age < 41 && rng.chance(0.06),
      isSecondee: !p && young && spec.township && rng.chance(0.06),
      isCountyLeader: spec.isCountyLeader ?? false,
      politicalStatus: rng.chance(0.86) ? '中共党员' : young && rng.chance(0.6) ? '共青团员' : '群众',
      townshipWorkStart: tYears === null ? null : addDays(this.today, -Math.round(tYears * 365.25) - rng.int(0, 200)),
    };
  }

  /**
   * Gives a generated person another birth date (and so another ID number and key) without drawing from the
   * generator: what comes after stays the same. Returns the old key.
   */
  rebirth(person: DemoPerson, birthDate: string): string {
    const old = person.key;
    person.birthDate = birthDate;
    person.idNumber = this.idNumber(birthDate, person.gender);
    person.key = `id:${person.idNumber}`;
    return old;
  }

  /** A fictional 18-character ID number: region 99xx (no real region starts with 99), valid check character. */
  private idNumber(birthDate: string, gender: '男' | '女'): string {
    const n = this.idSeq.get(birthDate) ?? 0;
    this.idSeq.set(birthDate, n + 1);
    const seq = String(n * 2 + (gender === '男' ? 1 : 0))
      .padStart(3, '0')
      .slice(-3);
    const first17 = `${this.region}${birthDate.replaceAll('-', '')}${seq}`;
    return first17 + idCheckChar(first17);
  }
}

/**
 * A demo 职级 that fits the post's level, as 《公务员职务与职级并行规定》 pairs them: 县处级正职 一级/二级调研员,
 * 县处级副职 三级/四级调研员, 乡科级正职 一级/二级主任科员, 乡科级副职 三级/四级主任科员; the older holder gets
 * the higher of the two. (巡视员 are 厅局级: never in a county.)
 */
export function rankFor(cadreType: DemoPerson['cadreType'], age: number, level: string): string {
  if (cadreType === '事业') return age < 30 ? '管理九级' : age < 45 ? '管理八级' : '管理七级';
  if (cadreType === '村干部') return '';
  if (level === '正处') return age < 45 ? '二级调研员' : '一级调研员';
  if (level === '副处') return age < 45 ? '四级调研员' : '三级调研员';
  if (level === '正科') return age < 40 ? '二级主任科员' : '一级主任科员';
  if (level === '副科') return age < 35 ? '四级主任科员' : '三级主任科员';
  return age < 26 ? '二级科员' : age < 32 ? '一级科员' : age < 40 ? '四级主任科员' : '三级主任科员';
}
