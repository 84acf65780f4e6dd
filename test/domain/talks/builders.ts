/** Small org builders for talk and mentoring tests: each test file builds its own world. */
import { eq } from 'drizzle-orm';
import type { Database } from '../../../src/db/client.js';
import { mentoringPairs } from '../../../src/db/schema/mentoring.js';
import {
  deputySupervisions,
  leadershipPositions,
  leaderUnitLinks,
  people,
  type Role,
  roleGrants,
  units,
} from '../../../src/db/schema/org.js';
import { poolEntries } from '../../../src/db/schema/pool.js';
import { FIXTURE_AT, T0 } from '../../helpers/stamps.js';

let seq = 0;
const next = () => ++seq;

export async function unit(db: Database, name: string, opts: { countyId?: number; kind?: 'county' | 'township' } = {}) {
  const [u] = await db
    .insert(units)
    .values({ code: `U${next()}-${name}`, name, kind: opts.kind ?? 'township', countyId: opts.countyId ?? null, ...T0 })
    .returning({ id: units.id });
  if (opts.kind === 'county') await db.update(units).set({ countyId: u.id }).where(eq(units.id, u.id));
  return u.id;
}

export interface PersonOpts {
  unitId: number;
  birthDate?: string;
  openId?: string | null;
  education?: '研究生' | '大学' | '大专';
  isXuandiao?: boolean;
  isSecondee?: boolean;
  isCountyLeader?: boolean;
  active?: boolean;
  leftAt?: string | null;
  position?: string;
}

export async function person(db: Database, name: string, o: PersonOpts) {
  const n = next();
  const [p] = await db
    .insert(people)
    .values({
      personKey: `K${n}`,
      name,
      gender: '男',
      birthDate: o.birthDate ?? '1995-06-15',
      education: o.education ?? '大学',
      unitId: o.unitId,
      openId: o.openId === undefined ? `ou_${n}` : o.openId,
      isXuandiao: o.isXuandiao ?? false,
      isSecondee: o.isSecondee ?? false,
      isCountyLeader: o.isCountyLeader ?? false,
      active: o.active ?? true,
      leftAt: o.leftAt ?? null,
      position: o.position ?? null,
      pinyin: '',
      pinyinInitials: '',
      ...T0,
    })
    .returning({ id: people.id, openId: people.openId });
  return { id: p.id, openId: p.openId ?? '' };
}

export async function post(
  db: Database,
  personId: number,
  unitId: number,
  role: 'main' | 'deputy' | 'member',
  start: string,
  end: string | null = null,
) {
  await db.insert(leadershipPositions).values({ personId, unitId, role, startDate: start, endDate: end });
}

export async function link(
  db: Database,
  leaderId: number,
  unitId: number,
  kind: 'contact' | 'supervise',
  start: string,
  end: string | null = null,
) {
  await db.insert(leaderUnitLinks).values({ leaderPersonId: leaderId, unitId, kind, startDate: start, endDate: end });
}

export async function supervise(
  db: Database,
  deputyId: number,
  cadreId: number,
  start: string,
  end: string | null = null,
) {
  await db
    .insert(deputySupervisions)
    .values({ deputyPersonId: deputyId, cadrePersonId: cadreId, startDate: start, endDate: end });
}

export async function grant(db: Database, personId: number, role: Role, unitId: number | null = null) {
  await db.insert(roleGrants).values({ personId, role, unitId, grantedAt: FIXTURE_AT });
}

export async function mentor(
  db: Database,
  mentorId: number,
  menteeId: number,
  start: string,
  end: string | null = null,
) {
  await db
    .insert(mentoringPairs)
    .values({ mentorPersonId: mentorId, menteePersonId: menteeId, startDate: start, endDate: end, ...T0 });
}

/** A resource-pool entry (资源库): county leaders talk to pool cadres of their units. */
export async function pool(db: Database, personId: number, enteredOn: string, exitedOn: string | null = null) {
  await db.insert(poolEntries).values({
    personId,
    tier: 'mid_term',
    status: exitedOn ? 'exited' : 'active',
    enteredOn,
    exitedOn,
    exitReason: exitedOn ? 'other' : null,
    ...T0,
  });
}
