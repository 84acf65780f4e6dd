import type { DirectoryEntry } from '../../src/emulator/index.js';

/** A tiny tenant for emulator tests (fictional people). */
export const PEOPLE: DirectoryEntry[] = [
  {
    name: '林晓燕',
    mobile: '13900000001',
    email: 'linxiaoyan@example.gov.cn',
    unitName: '县委组织部',
    roles: ['org_admin'],
  },
  {
    name: '赵建国',
    mobile: '13900000002',
    email: 'zhaojianguo@example.gov.cn',
    unitName: '示范县',
    roles: ['county_leader'],
  },
  { name: '周志远', mobile: '13900000003', unitName: '青山镇', roles: ['unit_main_leader'] },
  { name: '陈雨桐', mobile: '13900000004', unitName: '青山镇', roles: ['cadre'] },
  { name: '王磊', mobile: '13900000005', unitName: '白水镇', roles: ['cadre'] },
  { name: '王磊', mobile: '13900000006', unitName: '县教育局', roles: ['cadre'] },
];

/** `count` more cadres, for load tests. */
export function manyPeople(count: number): DirectoryEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `测试干部${i + 1}`,
    mobile: `1370000${String(i).padStart(4, '0')}`,
    unitName: '石桥镇',
    roles: ['cadre'],
  }));
}

import { z } from 'zod';
import type { Capability } from '../../src/capability.js';
import {
  button,
  card,
  collapsible,
  columns,
  datePicker,
  form,
  hr,
  input,
  md,
  multiSelect,
  notice,
  personPicker,
  select,
  submitButton,
  table,
} from '../../src/feishu/cards/atoms.js';
import { barChart } from '../../src/feishu/cards/charts.js';
import { enqueue } from '../../src/feishu/outbox.js';

/** A card with every component the console renders. */
export function showcaseCard(openIds: string[]) {
  return card({ title: '组件演示', subtitle: '本地控制台渲染测试', template: 'turquoise', tags: ['测试'] }, [
    md('**加粗** 与 <font color="red">红色文字</font>\n- 第一项\n- 第二项'),
    columns([[md('左栏')], [md('右栏')]]),
    table(
      [
        { name: 'unit', label: '单位' },
        { name: 'n', label: '人数', type: 'number' },
      ],
      [
        { unit: '青山镇', n: 12 },
        { unit: '白水镇', n: 8 },
      ],
    ),
    barChart('各镇人数', [
      { label: '青山镇', value: 12 },
      { label: '白水镇', value: 8 },
    ]),
    collapsible('更多说明', [md('折叠面板里的内容')]),
    hr(),
    button('点一下', 'demo.ping', { n: 1 }, 'primary'),
    form('demo_form', [
      input('title', '标题', { required: true, placeholder: '请输入标题' }),
      select('kind', '类别', [
        { label: '常规谈', value: 'regular' },
        { label: '灵活谈', value: 'flexible' },
      ]),
      multiSelect('topics', '话题', [
        { label: '思想', value: 'mind' },
        { label: '工作', value: 'work' },
      ]),
      personPicker('who', '谈话对象', openIds),
      datePicker('day', '日期', '2026-12-01'),
      submitButton('提交', 'demo.submit'),
    ]),
  ]);
}

/** Test listeners: `组件演示` sends the showcase card; its button and form answer with toasts and cards. */
export const showcase: Capability = {
  name: 'emulator-showcase',
  register(router, deps) {
    router.command(['组件演示'], async (ctx) => ctx.reply(showcaseCard([ctx.sender.openId])), '组件演示');
    router.command(
      ['广播'],
      async (ctx) => {
        await enqueue(deps.db, { kind: 'send', to: { openId: ctx.sender.openId }, card: notice('广播', ctx.args) });
        deps.outboxWake();
      },
      '测试广播',
    );
    router.action('demo.ping', z.object({ n: z.coerce.number() }), async (ctx) =>
      ctx.ack({
        toast: { type: 'success', content: `收到第 ${ctx.value.n} 次点击` },
        card: { type: 'raw', data: notice('已点击', `按钮值 n=${ctx.value.n}`, 'green') },
      }),
    );
    router.action(
      'demo.submit',
      z.object({
        title: z.string().trim().min(1, '请填写标题'),
        kind: z.string().optional(),
        topics: z.array(z.string()).optional(),
        who: z.string().optional(),
        day: z.string().optional(),
      }),
      async (ctx) => {
        const v = ctx.value;
        ctx.ack({
          toast: { type: 'success', content: '已提交' },
          card: {
            type: 'raw',
            data: notice(
              '提交成功',
              `标题：${v.title}\n类别：${v.kind ?? ''}\n话题：${(v.topics ?? []).join(',')}\n对象：${v.who ?? ''}\n日期：${v.day ?? ''}`,
              'green',
            ),
          },
        });
      },
    );
  },
};
