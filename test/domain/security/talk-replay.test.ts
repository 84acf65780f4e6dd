/** Finding 1: a form nonce replays only what the same person recorded; personal commands stay out of groups. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../src/db/schema/org.js';
import { talks } from '../../../src/db/schema/talks.js';
import { buildWorld, click, lastOutboxId, sent, type World } from '../talks/world.js';

let w: World;
beforeAll(async () => {
  w = await buildWorld('2026-11-30T10:00:00+08:00');
});
afterAll(async () => w.bot.close());

const form = (cadre: number) => ({
  cadre: String(cadre),
  date: '2026-11-28 +0800',
  kind: 'regular',
  tone: 'warning',
  topics: '家庭情况、思想状况',
  problems: '婚姻矛盾',
});

let seq = 0;
async function sayInGroup(openId: string, text: string) {
  seq++;
  await w.bot.router.handle({
    eventId: `ev_grp_${seq}`,
    type: 'im.message.receive_v1',
    event: {
      sender: { sender_id: { open_id: openId }, sender_type: 'user' },
      message: {
        message_id: `om_grp_${seq}`,
        chat_id: 'oc_group_work',
        chat_type: 'group',
        message_type: 'text',
        content: JSON.stringify({ text: `@_user_1 ${text}` }),
        mentions: [{ key: '@_user_1', id: { open_id: 'ou_bot' }, name: '青苗' }],
      },
    },
  });
  await w.bot.router.idle();
}

describe('talk form replays', () => {
  it('a second person pressing submit on the same card sees nothing of the first talk, and is audited', async () => {
    const first = await click(w.bot, w.open.副手, { a: 'talks.submit', n: 'shared-nonce' }, form(w.ids.阿满));
    expect(first.toast.content).toBe('谈话记录已保存');
    // 主任 may talk to 阿满 too, so only the nonce check can stop him.
    const other = await click(w.bot, w.open.主任, { a: 'talks.submit', n: 'shared-nonce' }, form(w.ids.阿满));
    expect(other.toast.type).toBe('error');
    expect(other.toast.content).toContain('已由他人提交');
    expect(other.card).toBeUndefined();
    expect(JSON.stringify(other)).not.toContain('婚姻矛盾');
    expect(await w.bot.handle.db.select().from(talks)).toHaveLength(1);
    const denied = await w.bot.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'talk.create.denied'), eq(auditLog.actorPersonId, w.ids.主任)));
    expect(denied).toHaveLength(1);
    expect(denied[0].detail).toMatchObject({ reason: 'nonce_of_other_talker' });
  });

  it('someone outside the scope replaying a nonce is refused by the scope check first', async () => {
    const res = await click(w.bot, w.open.二镇主, { a: 'talks.submit', n: 'shared-nonce' }, form(w.ids.阿满));
    expect(res.toast).toEqual({ type: 'error', content: '该干部不在您的谈心谈话范围内，不能登记' });
  });

  it('the same person re-submitting gets his own record back', async () => {
    const again = await click(w.bot, w.open.副手, { a: 'talks.submit', n: 'shared-nonce' }, form(w.ids.阿满));
    expect(again.card.data.header.title.content).toBe('谈话记录已保存');
    expect(JSON.stringify(again.card.data)).toContain('婚姻矛盾');
  });
});

describe('personal commands in a group chat', () => {
  it.each(['谈话', '待办'])('「%s」 answers 请私聊青苗 in the group and sends the card privately', async (cmd) => {
    const before = await lastOutboxId(w.bot);
    await sayInGroup(w.open.副手, cmd);
    const rows = await sent(w.bot, before);
    expect(rows).toHaveLength(2);
    const [inGroup, privately] = rows;
    expect(inGroup.kind).toBe('reply');
    expect((inGroup.content as any).header.title.content).toBe('请私聊青苗');
    expect(JSON.stringify(inGroup.content)).not.toContain('阿满');
    expect(privately).toMatchObject({ kind: 'send', target: w.open.副手, receiveIdType: 'open_id' });
    expect(JSON.stringify(privately.content)).toContain('阿满');
  });
});
