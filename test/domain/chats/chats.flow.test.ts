import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chats as chatsTable } from '../../../src/db/schema/chats.js';
import { auditLog, people, roleGrants, units } from '../../../src/db/schema/org.js';
import { outbox } from '../../../src/db/schema/transport.js';
import { chats } from '../../../src/domain/chats/chats.handlers.js';
import { leadersChatId } from '../../../src/domain/chats/chats.queries.js';
import { help } from '../../../src/domain/help/help.handlers.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { envelope, LOCAL_ENCRYPT_KEY, messageEvent, signedRequest } from '../../helpers/feishu-events.js';
import { FIXTURE_AT, T0 } from '../../helpers/stamps.js';

describe('chats capability', () => {
  let bot: TestBot;
  const push = async (body: unknown) => {
    const res = await bot.app.inject(
      signedRequest({ encryptKey: LOCAL_ENCRYPT_KEY, body, timestamp: bot.clock.now() }),
    );
    expect(res.statusCode).toBe(200);
    await bot.router.idle();
  };
  const outboxTo = async (target: string) =>
    (await bot.handle.db.select().from(outbox).where(eq(outbox.target, target))).map((r) => JSON.stringify(r.content));

  beforeAll(async () => {
    bot = await createTestBot({ capabilities: [help, chats] });
    const db = bot.handle.db;
    const [county] = await db
      .insert(units)
      .values({ code: 'T', name: '测试县', kind: 'county', ...T0 })
      .returning();
    const person = (key: string, name: string, openId: string) => ({
      personKey: key,
      name,
      gender: '男' as const,
      birthDate: '1980-01-01',
      education: '大学' as const,
      unitId: county.id,
      openId,
      ...T0,
    });
    const [admin] = await db
      .insert(people)
      .values(person('p1', '管理员', 'ou_admin'))
      .returning();
    await db.insert(people).values(person('p2', '普通干部', 'ou_cadre'));
    await db
      .insert(roleGrants)
      .values({ personId: admin.id, role: 'org_admin', unitId: county.id, grantedAt: FIXTURE_AT });
    bot.router.actorResolver(
      async (s) => {
        const [p] = await db.select().from(people).where(eq(people.openId, s.openId));
        return p ? { personId: p.id, openId: s.openId, name: p.name } : null;
      },
      async () => {},
    );
  });
  afterAll(async () => bot.close());

  it('remembers a group the bot is added to, greets it, and takes a 领导 name as the leaders group', async () => {
    await push(
      envelope('im.chat.member.bot.added_v1', {
        chat_id: 'oc_work',
        name: '组织部工作群',
        operator_id: { open_id: 'ou_admin' },
      }),
    );
    expect(await leadersChatId(bot.handle.db)).toBeNull();
    await push(
      envelope('im.chat.member.bot.added_v1', {
        chat_id: 'oc_lead',
        name: '县领导群',
        operator_id: { open_id: 'ou_admin' },
      }),
    );
    expect(await leadersChatId(bot.handle.db)).toBe('oc_lead');
    expect((await outboxTo('oc_work'))[0]).toContain('青苗已加入本群');
    const audits = await bot.handle.db.select().from(auditLog).where(eq(auditLog.action, 'chat.bot_added'));
    expect(audits).toHaveLength(2);
  });

  it('lets an org_admin designate the leaders group with @青苗 设为领导群', async () => {
    await push(
      messageEvent({
        chatType: 'group',
        chatId: 'oc_work',
        openId: 'ou_admin',
        text: '设为领导群',
        messageId: 'om_set',
      }),
    );
    expect(await leadersChatId(bot.handle.db)).toBe('oc_work');
    expect((await outboxTo('om_set'))[0]).toContain('已设为领导群');
    const [audit] = await bot.handle.db.select().from(auditLog).where(eq(auditLog.action, 'chat.set_leaders'));
    expect(audit).toMatchObject({ entityId: 'oc_work', actorOpenId: 'ou_admin' });
  });

  it('refuses anyone else, and the command outside a group', async () => {
    await push(
      messageEvent({
        chatType: 'group',
        chatId: 'oc_lead',
        openId: 'ou_cadre',
        text: '设为领导群',
        messageId: 'om_no',
      }),
    );
    expect(await leadersChatId(bot.handle.db)).toBe('oc_work');
    expect((await outboxTo('om_no'))[0]).toContain('只有组织部门管理员可以设置领导群');
    await push(messageEvent({ chatType: 'p2p', openId: 'ou_admin', text: '设为领导群', messageId: 'om_p2p' }));
    expect((await outboxTo('om_p2p'))[0]).toContain('请在群聊中操作');
  });

  it('keeps one leaders group and forgets it when the bot is removed', async () => {
    await push(messageEvent({ chatType: 'group', chatId: 'oc_new', openId: 'ou_admin', text: '设为领导群' }));
    const flagged = await bot.handle.db.select().from(chatsTable).where(eq(chatsTable.isLeaders, true));
    expect(flagged.map((c) => c.chatId)).toEqual(['oc_new']);
    await push(envelope('im.chat.member.bot.deleted_v1', { chat_id: 'oc_new', operator_id: { open_id: 'ou_admin' } }));
    // Back to the name rule.
    expect(await leadersChatId(bot.handle.db)).toBe('oc_lead');
  });
});
