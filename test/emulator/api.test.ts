import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { help } from '../../src/domain/help/help.handlers.js';
import { type Emulated, startEmulated } from '../helpers/emulated.js';
import { PEOPLE } from './fixtures.js';

describe('emulator HTTP surface', () => {
  let emu: Emulated;
  let token = '';
  beforeAll(async () => {
    emu = await startEmulated({ users: PEOPLE, capabilities: [help] });
    token = (
      await openApi('POST', '/auth/v3/tenant_access_token/internal', {
        app_id: emu.config.feishu.appId,
        app_secret: emu.config.feishu.appSecret,
      })
    ).body.tenant_access_token;
  });
  afterAll(async () => emu?.close());

  async function openApi(method: string, path: string, body?: unknown, auth = true) {
    const res = await fetch(`${emu.baseUrl}/emulator/open-apis${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(auth && token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: await res.json() };
  }
  const fail = (p: Promise<unknown>) =>
    p.then(
      () => ({ status: 200, message: '' }),
      (e) => ({ status: e.status, message: e.message }),
    );

  describe('control API', () => {
    it('lists and searches users, and adds new ones', async () => {
      const all = await emu.call('GET', '/emulator/api/users');
      expect(all.total).toBe(PEOPLE.length);
      expect(all.users[0]).toMatchObject({
        name: '林晓燕',
        unit: '县委组织部',
        roles: ['org_admin'],
        in_leaders_chat: true,
      });
      expect((await emu.call('GET', '/emulator/api/users?q=青山镇')).users.map((u: any) => u.name)).toEqual([
        '周志远',
        '陈雨桐',
      ]);
      const [added] = await emu.addUsers([
        { name: '新同志', mobile: '13600000000', unitName: '龙泉镇', roles: ['cadre'] },
      ]);
      expect(added.open_id).toMatch(/^ou_/);
      expect((await emu.call('GET', '/emulator/api/users?q=龙泉镇')).users).toHaveLength(1);
    });

    it.each([
      [{ text: '帮助' }, 400, '请指定发送人'],
      [{ from: '无此人', text: '帮助' }, 404, '通讯录中没有「无此人」'],
      [{ from: '王磊', text: '帮助' }, 400, '有 2 人重名'],
      [{ from: '林晓燕', text: '帮助', file: { name: 'a', base64: 'YQ==' } }, 400, '请提供 text 或 file（二选一）'],
      [{ from: '林晓燕', text: '   ' }, 400, '消息内容不能为空'],
      [{ from: '林晓燕', file: { name: 'a.xlsx', base64: '' } }, 400, '文件是空的'],
      [{ from: '林晓燕', text: 'x', chat_id: 'oc_nope' }, 404, '没有会话 oc_nope'],
    ])('POST /messages %j → %i', async (body, status, message) => {
      const r = await fail(emu.call('POST', '/emulator/api/messages', body));
      expect(r.status).toBe(status);
      expect(r.message).toContain(message);
    });

    it('explains bad reads, clicks and faults in Chinese', async () => {
      expect((await fail(emu.call('GET', '/emulator/api/messages'))).message).toContain('请提供 chat_id 或 open_id');
      expect((await fail(emu.click('om_nope', '林晓燕', { a: 'x' }))).message).toContain('没有消息 om_nope');
      expect((await fail(emu.call('POST', '/emulator/api/faults', { rate429: 3 }))).message).toContain(
        'rate429 须为 0 到 1 之间的数',
      );
      expect((await fail(emu.call('POST', '/emulator/api/events', {}))).message).toContain(
        '请提供 raw、envelope、replay',
      );
      expect((await fail(emu.call('POST', '/emulator/api/events', { replay: 'nope' }))).status).toBe(404);
    });

    it('will not let a user click a card in someone else’s chat', async () => {
      const sent = await emu.send('林晓燕', '帮助');
      const card = (await emu.lastCard('林晓燕'))!;
      expect(card.parent_id).toBe(sent.message_id);
      const r = await fail(emu.click(card.message_id, '陈雨桐', { a: 'x' }));
      expect(r.status).toBe(400);
      expect(r.message).toContain('陈雨桐 看不到这条消息');
    });
  });

  describe('/dev routes', () => {
    it('moves the bot’s clock and reads it back', async () => {
      const set = await emu.call('POST', '/dev/clock', { now: '2027-01-04T09:00:00+08:00', freeze: true });
      expect(set.now).toBe('2027-01-04T01:00:00.000Z');
      expect(emu.clock.now().toISOString()).toBe('2027-01-04T01:00:00.000Z');
      expect((await emu.call('GET', '/dev/clock')).now).toBe('2027-01-04T01:00:00.000Z');
      expect((await fail(emu.call('POST', '/dev/clock', { now: '明天' }))).message).toContain('时间格式无法识别');
      await emu.call('POST', '/dev/clock', { reset: true });
      expect(Math.abs(emu.clock.now().getTime() - Date.now())).toBeLessThan(60_000);
    });

    it('lists jobs and refuses an unknown one', async () => {
      expect((await emu.call('GET', '/dev/jobs')).jobs).toEqual([]);
      const r = await fail(emu.runJob('no.such.job'));
      expect(r.status).toBe(404);
      expect(r.message).toContain('没有名为「no.such.job」的任务');
    });
  });

  describe('fake Open API errors (Feishu codes)', () => {
    const someone = () => emu.users().then((u) => u[2].open_id);

    it('checks the app secret and the access token', async () => {
      expect(
        (await openApi('POST', '/auth/v3/tenant_access_token/internal', { app_id: 'x', app_secret: 'y' })).body.code,
      ).toBe(10014);
      const missing = await openApi('POST', '/im/v1/messages?receive_id_type=open_id', {}, false);
      expect([missing.status, missing.body.code]).toEqual([400, 99991661]);
      const res = await fetch(`${emu.baseUrl}/emulator/open-apis/contact/v3/users/x`, {
        headers: { authorization: 'Bearer t-forged' },
      });
      expect((await res.json()).code).toBe(99991663);
    });

    it('validates sends like Feishu', async () => {
      const to = await someone();
      const send = (q: string, body: object) => openApi('POST', `/im/v1/messages?receive_id_type=${q}`, body);
      const text = JSON.stringify({ text: 'hi' });
      expect((await send('thread_id', { receive_id: to, msg_type: 'text', content: text })).body).toMatchObject({
        code: 99992402,
        error: { field_violations: [{ field: 'receive_id_type' }] },
      });
      expect((await send('open_id', { receive_id: 'ou_nobody', msg_type: 'text', content: text })).body.code).toBe(
        230013,
      );
      expect((await send('chat_id', { receive_id: 'oc_nobody', msg_type: 'text', content: text })).body.code).toBe(
        230002,
      );
      expect((await send('open_id', { receive_id: to, msg_type: 'text', content: '{bad' })).body.code).toBe(230001);
      expect(
        (await send('open_id', { receive_id: to, msg_type: 'file', content: '{"file_key":"nope"}' })).body.code,
      ).toBe(230001);
      expect(
        (await send('open_id', { receive_id: to, msg_type: 'text', content: text, uuid: 'u'.repeat(51) })).body.code,
      ).toBe(99992402);
      const byEmail = await send('email', { receive_id: 'linxiaoyan@example.gov.cn', msg_type: 'text', content: text });
      expect(byEmail.body.code).toBe(0);
      expect(byEmail.body.data).toMatchObject({ msg_type: 'text', sender: { sender_type: 'app', id_type: 'app_id' } });
    });

    it('refuses replies to unknown messages and patches of non-cards', async () => {
      const to = await someone();
      const reply = await openApi('POST', '/im/v1/messages/om_nope/reply', {
        msg_type: 'text',
        content: '{"text":"x"}',
      });
      expect([reply.status, reply.body.code]).toEqual([400, 230011]);
      const sent = await openApi('POST', '/im/v1/messages?receive_id_type=open_id', {
        receive_id: to,
        msg_type: 'text',
        content: '{"text":"x"}',
      });
      const patch = await openApi('PATCH', `/im/v1/messages/${sent.body.data.message_id}`, { content: '{}' });
      expect(patch.body.code).toBe(230031);
    });

    it('limits sends to one receiver to 5 per second with 429 + 99991400 and reset headers', async () => {
      const to = (await emu.users())[3].open_id;
      const results = [];
      for (let i = 0; i < 7; i++)
        results.push(
          await openApi('POST', '/im/v1/messages?receive_id_type=open_id', {
            receive_id: to,
            msg_type: 'text',
            content: `{"text":"${i}"}`,
          }),
        );
      const limited = results.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThanOrEqual(2);
      expect(limited[0].body.code).toBe(99991400);
      expect(limited[0].headers.get('x-ogw-ratelimit-limit')).toBe('5');
      expect(Number(limited[0].headers.get('x-ogw-ratelimit-reset'))).toBeGreaterThanOrEqual(1);
    });

    it('makes the bot’s own message 应用内加急 for chat members; refuses others’ messages and the 201st', async () => {
      const [to, other] = [(await emu.users())[4].open_id, (await emu.users())[5].open_id];
      const sent = await openApi('POST', '/im/v1/messages?receive_id_type=open_id', {
        receive_id: to,
        msg_type: 'text',
        content: '{"text":"逾期提醒"}',
      });
      const id = sent.body.data.message_id;
      const urgent = (list: string[], mid = id) =>
        openApi('PATCH', `/im/v1/messages/${mid}/urgent_app?user_id_type=open_id`, { user_id_list: list });
      const ok = await urgent([to, other]);
      expect([ok.status, ok.body.code, ok.body.data.invalid_user_id_list]).toEqual([200, 0, [other]]);
      const [seen] = (await emu.messages({ openId: to }, to)).filter((m: any) => m.message_id === id);
      expect((seen as any).urgent).toBe(true);
      expect((await urgent([])).body.code).toBe(99992402);
      expect((await urgent([to], 'om_nope')).body.code).toBe(230011);
      for (let i = 1; i < 200; i++) expect((await urgent([to])).body.code).toBe(0);
      expect(await urgent([to])).toMatchObject({ status: 400, body: { code: 230023 } });
    });

    it('says which paths it does not emulate', async () => {
      const r = await openApi('GET', '/im/v1/chats');
      expect([r.status, r.body.msg]).toEqual([404, 'emulator: GET /emulator/open-apis/im/v1/chats is not emulated']);
    });
  });

  describe('console', () => {
    it('redirects / to the console and serves the page, styles and the bundled script', async () => {
      const root = await fetch(`${emu.baseUrl}/`, { redirect: 'manual' });
      expect([root.status, root.headers.get('location')]).toEqual([302, '/console']);
      const page = await fetch(`${emu.baseUrl}/console`);
      expect(await page.text()).toContain('<title>青苗 · 本地飞书控制台</title>');
      expect((await fetch(`${emu.baseUrl}/console/console.css`)).headers.get('content-type')).toContain('text/css');
      const js = await fetch(`${emu.baseUrl}/console/app.js`);
      expect(js.headers.get('content-type')).toContain('javascript');
      expect(await js.text()).toContain('renderCard');
    });
  });
});
