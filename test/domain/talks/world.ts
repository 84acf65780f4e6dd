/** A small county with leaders who have Feishu accounts, and helpers to drive the bot through its router. */
import { eq } from 'drizzle-orm';
import { people } from '../../../src/db/schema/org.js';
import { outbox } from '../../../src/db/schema/transport.js';
import { mentoringCapability } from '../../../src/domain/mentoring/mentoring.handlers.js';
import { reportsCapability } from '../../../src/domain/reports/reports.handlers.js';
import { talksCapability } from '../../../src/domain/talks/talks.handlers.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { grant, link, person, pool, post, supervise, unit } from './builders.js';

export interface World {
  bot: TestBot;
  ids: Record<string, number>;
  open: Record<string, string>;
  units: Record<string, number>;
}

/** 县领导 contacts 一镇 (阿满, 小白 in the pool); 主任 heads 一镇; 副手 supervises 阿满; 管理员 is org_admin. */
export async function buildWorld(now: string, env?: Record<string, string>): Promise<World> {
  const feeding = [talksCapability, mentoringCapability];
  // The reports capability sends the leaders' county digest, built from talks' digest block.
  const bot = await createTestBot({
    now: new Date(now),
    env,
    capabilities: [...feeding, reportsCapability(() => feeding)],
  });
  const db = bot.handle.db;
  const county = await unit(db, '测试县', { kind: 'county' });
  const t1 = await unit(db, '一镇', { countyId: county });
  const t2 = await unit(db, '二镇', { countyId: county });
  const ids: Record<string, number> = {};
  const open: Record<string, string> = {};
  const add = async (name: string, o: Parameters<typeof person>[2]) => {
    const p = await person(db, name, { ...o, openId: o.openId ?? `ou_${name}` });
    ids[name] = p.id;
    open[name] = p.openId;
  };
  await add('管理员', { unitId: county, birthDate: '1980-01-01' });
  await add('县领导', { unitId: county, birthDate: '1970-01-01', isCountyLeader: true });
  await add('主任', { unitId: t1, birthDate: '1975-01-01' });
  await add('副手', { unitId: t1, birthDate: '1985-01-01' });
  await add('阿满', { unitId: t1, birthDate: '1994-03-03' });
  await add('小白', { unitId: t1, birthDate: '1996-08-08', education: '研究生' });
  await add('二镇青', { unitId: t2, birthDate: '1997-01-01', isXuandiao: true });
  await add('二镇主', { unitId: t2, birthDate: '1972-01-01' });
  await grant(db, ids.管理员, 'org_admin', county);
  await post(db, ids.主任, t1, 'main', '2025-01-01');
  await post(db, ids.副手, t1, 'deputy', '2025-01-01');
  await post(db, ids.二镇主, t2, 'main', '2025-01-01');
  await supervise(db, ids.副手, ids.阿满, '2025-01-01');
  await link(db, ids.县领导, t1, 'contact', '2025-01-01');
  await pool(db, ids.阿满, '2025-01-01');
  await pool(db, ids.小白, '2025-01-01');
  bot.router.actorResolver(
    async (s) => {
      const [p] = await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.openId, s.openId));
      return p ? { personId: p.id, openId: s.openId, name: p.name } : null;
    },
    async () => {},
  );
  return { bot, ids, open, units: { county, t1, t2 } };
}

let seq = 0;

/** A text message from `openId`; resolves when the bot has processed it. */
export async function say(bot: TestBot, openId: string, text: string) {
  seq++;
  await bot.router.handle({
    eventId: `ev_msg_${seq}`,
    type: 'im.message.receive_v1',
    event: {
      sender: { sender_id: { open_id: openId }, sender_type: 'user' },
      message: {
        message_id: `om_msg_${seq}`,
        chat_id: `oc_p2p_${openId}`,
        chat_type: 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text }),
      },
    },
  });
  await bot.router.idle();
}

/** A card button click or form submit; resolves to the callback answer. */
export async function click(
  bot: TestBot,
  openId: string,
  value: Record<string, unknown>,
  formValue?: Record<string, unknown>,
) {
  seq++;
  const res = await bot.router.handle({
    eventId: `ev_act_${seq}`,
    type: 'card.action.trigger',
    event: {
      operator: { open_id: openId },
      token: `tok_${seq}`,
      action: { tag: 'button', value, form_value: formValue },
      context: { open_message_id: `om_card_${seq}`, open_chat_id: `oc_p2p_${openId}` },
    },
  });
  await bot.router.idle();
  return res as any;
}

/** Outbox rows (messages the bot wants to send), oldest first, optionally only newer than `afterId`. */
export async function sent(bot: TestBot, afterId = 0) {
  const rows = await bot.handle.db.select().from(outbox).orderBy(outbox.id);
  return rows.filter((r) => r.id > afterId);
}

export async function lastOutboxId(bot: TestBot) {
  const rows = await sent(bot);
  return rows.at(-1)?.id ?? 0;
}

/** All `{a: ...}` values of buttons in a card, depth-first. */
export function buttons(card: unknown): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  const walk = (x: any) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (x && typeof x === 'object') {
      if (x.tag === 'button' && x.value?.a) out.push(x.value);
      Object.values(x).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Form elements (by name) of a card. */
export function formFields(card: unknown): Record<string, any> {
  const out: Record<string, any> = {};
  const walk = (x: any) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (x && typeof x === 'object') {
      if (typeof x.name === 'string' && x.tag !== 'form') out[x.name] = x;
      Object.values(x).forEach(walk);
    }
  };
  walk(card);
  return out;
}
