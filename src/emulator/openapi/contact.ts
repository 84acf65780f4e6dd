import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../emulator.js';
import type { TenantUser } from '../tenant.js';
import { Codes, FeishuError, fieldError } from './errors.js';

const USER_ID_TYPES = ['open_id', 'user_id', 'union_id'] as const;
type UserIdType = (typeof USER_ID_TYPES)[number];

function idType(v: unknown): UserIdType {
  if (v === undefined) return 'open_id';
  if (!USER_ID_TYPES.includes(v as UserIdType))
    throw fieldError('user_id_type', v, `options: [${USER_ID_TYPES.join(',')}]`);
  return v as UserIdType;
}

/** contact/v3 users get and batch_get_id (mobiles/emails → ids), as the binding flow uses them. */
export function registerContact(scope: FastifyInstance, emu: Emulator): void {
  scope.get('/contact/v3/users/:user_id', async (req) => {
    const { user_id } = req.params as { user_id: string };
    const type = idType((req.query as Record<string, unknown>).user_id_type);
    const user = emu.tenant.byId(type, user_id);
    if (!user) throw new FeishuError(Codes.userNotFound, 'no user authority error');
    return { code: 0, msg: 'success', data: { user: userData(user) } };
  });

  scope.post('/contact/v3/users/batch_get_id', async (req) => {
    const type = idType((req.query as Record<string, unknown>).user_id_type);
    const body = (req.body ?? {}) as { mobiles?: unknown; emails?: unknown };
    const mobiles = stringList('mobiles', body.mobiles);
    const emails = stringList('emails', body.emails);
    if (mobiles.length + emails.length === 0) throw fieldError('mobiles', '', 'mobiles or emails is required');
    const user_list = [
      ...emails.map((email) => withId({ email }, emu.tenant.byId('email', email), type)),
      ...mobiles.map((mobile) => withId({ mobile }, emu.tenant.byId('mobile', mobile), type)),
    ];
    return { code: 0, msg: 'success', data: { user_list } };
  });
}

function stringList(field: string, v: unknown): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw fieldError(field, v, `${field} must be a string array`);
  if (v.length > 50) throw fieldError(field, v.length, `at most 50 ${field} per request`);
  return v;
}

/** Feishu answers the query back, with `user_id` (in the requested id type) when it found someone. */
function withId<T extends object>(query: T, user: TenantUser | undefined, type: UserIdType): T & { user_id?: string } {
  return user ? { ...query, user_id: user[type] } : query;
}

function userData(u: TenantUser) {
  return {
    open_id: u.open_id,
    user_id: u.user_id,
    union_id: u.union_id,
    name: u.name,
    en_name: '',
    mobile: u.mobile ? `+86${u.mobile}` : undefined,
    email: u.email,
    department_ids: [],
    job_title: u.unit,
    status: { is_activated: true, is_frozen: false, is_resigned: false, is_exited: false, is_unjoin: false },
  };
}
