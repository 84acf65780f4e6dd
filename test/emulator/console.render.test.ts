import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/emulator/console/card.render.js';
import { renderChart } from '../../src/emulator/console/chart.js';
import { inline, renderMarkdown } from '../../src/emulator/console/markdown.js';
import { barChart } from '../../src/feishu/cards/charts.js';
import { showcaseCard } from './fixtures.js';

const ctx = { nameOf: (id: string) => (id === 'ou_1' ? '林晓燕' : id), people: [{ open_id: 'ou_1', name: '林晓燕' }] };

describe('console markdown', () => {
  it.each([
    ['**粗体** 与 *斜体* 与 ~~删除~~', '<b>粗体</b> 与 <i>斜体</i> 与 <s>删除</s>'],
    ['<font color="red">红</font>', '<span class="fc fc-red">红</span>'],
    ["<font color='grey'>灰</font>", '<span class="fc fc-grey">灰</span>'],
    ['<text_tag color="green">已完成</text_tag>', '<span class="tag tag-green">已完成</span>'],
    ['<at id=ou_1></at> 请处理', '<span class="at">@林晓燕</span> 请处理'],
    [
      '[文档](https://example.com/a?b=1&c=2)',
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener">文档</a>',
    ],
    ['`code *x*`', '<code>code *x*</code>'],
    ['a<br>b', 'a<br>b'],
  ])('inline %s', (src, html) => expect(inline(src, ctx.nameOf)).toBe(html));

  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    [
      '<font color="red" onclick="x">a</font>',
      '&lt;font color=&quot;red&quot; onclick=&quot;x&quot;&gt;a&lt;/font&gt;',
    ],
    ['<font color="red">不闭合', '<span class="fc fc-red">不闭合</span>'],
    ['</font>多余', '&lt;/font&gt;多余'],
    ['[x](javascript:alert(1))', '[x](javascript:alert(1))'],
    ['\uE0000\uE000', '0'],
  ])('escapes untrusted input %s', (src, html) => expect(inline(src)).toBe(html));

  it('renders lists, headings, quotes, rules and fences', () => {
    const html = renderMarkdown('# 标题\n- 一\n- 二\n1. 甲\n> 引用\n---\n```\n<b>x</b>\n```');
    expect(html).toBe(
      '<div class="md-h md-h1">标题</div><ul><li>一</li><li>二</li></ul><ol><li>甲</li></ol>' +
        '<blockquote>引用</blockquote><hr><pre><code>&lt;b&gt;x&lt;/b&gt;</code></pre>',
    );
  });
});

describe('console chart preview', () => {
  const spec = (type: string, extra = {}) => ({
    type,
    title: { text: '各镇' },
    data: {
      values: [
        { x: '青山镇', y: 12 },
        { x: '白水<镇>', y: 6 },
      ],
    },
    xField: 'x',
    yField: 'y',
    ...extra,
  });
  it('draws bars scaled to the largest value', () => {
    const svg = renderChart(spec('bar'));
    const heights = [...svg.matchAll(/class="bar"[^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(2);
    expect(heights[0] / heights[1]).toBeCloseTo(2, 1);
    expect(svg).toContain('白水&lt;镇&gt;');
  });
  it('draws lines and pie shares, and says when a type is unsupported', () => {
    expect(renderChart(spec('line'))).toContain('<polyline');
    expect(
      renderChart({
        type: 'pie',
        data: {
          values: [
            { k: 'a', v: 1 },
            { k: 'b', v: 3 },
          ],
        },
        categoryField: 'k',
        valueField: 'v',
      }),
    ).toContain('75.0%');
    expect(renderChart(spec('radar'))).toContain('暂不支持预览 radar');
    expect(renderChart({ type: 'bar', data: { values: [] } })).toContain('图表无数据');
  });
  it('draws grouped bars (xField [category, series]) with one colour per series and a legend', () => {
    const el = barChart('完成情况', [
      { label: '主要领导', value: 8, series: '已谈' },
      { label: '主要领导', value: 2, series: '逾期' },
      { label: '分管领导', value: 4, series: '已谈' },
      { label: '分管领导', value: 0, series: '逾期' },
    ]);
    const svg = renderChart(el.chart_spec);
    const fills = [...svg.matchAll(/class="bar"[^>]*style="fill:(#[0-9a-f]+)"/g)].map((m) => m[1]);
    expect(fills).toHaveLength(4);
    expect(fills[0]).not.toBe(fills[1]);
    expect(fills[0]).toBe(fills[2]);
    expect(svg).toContain('<div class="chart-legend">');
    expect(svg).toContain('已谈</span>');
    // Categories are labelled once each, not once per bar.
    expect(svg.match(/>主要领导</g)).toHaveLength(1);
  });
  it('groups horizontal bars too, and thins crowded axis labels instead of overlapping them', () => {
    const h = renderChart(
      barChart(
        '按单位',
        [
          { label: '青山镇', value: 3, series: '逾期' },
          { label: '青山镇', value: 5, series: '待谈' },
        ],
        { horizontal: true },
      ).chart_spec,
    );
    expect(h.match(/class="hbar"/g)).toHaveLength(2);
    expect(h.match(/>青山镇</g)).toHaveLength(1);
    const months = renderChart(
      barChart(
        '每月',
        Array.from({ length: 30 }, (_, i) => ({ label: `第${i}期`, value: i })),
      ).chart_spec,
    );
    const labels = months.match(/class="lbl"/g) ?? [];
    expect(labels.length).toBeGreaterThan(5);
    expect(labels.length).toBeLessThan(30);
  });
});

describe('console card renderer', () => {
  it('renders the header, every component, and one action per interactive element', () => {
    const { html, actions } = renderCard(showcaseCard(['ou_1']), ctx);
    expect(html).toContain('class="card-header tpl-turquoise"');
    expect(html).toContain('<span class="tag tag-neutral">测试</span>');
    expect(html).toContain('<b>加粗</b>');
    expect(html).toContain('<div class="cols">');
    expect(html).toContain('<th>单位</th>');
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain('<details class="panel"><summary>更多说明</summary>');
    expect(html).toContain('<form class="cform" data-form="demo_form"');
    expect(html).toContain('name="title" data-kind="text" required');
    expect(html).toContain('name="day" data-kind="date" value="2026-12-01"');
    expect(html).toContain('data-multi="topics" data-kind="multi"');
    expect(html).toContain('<option value="ou_1">林晓燕</option>');
    expect(actions).toEqual([
      { kind: 'button', tag: 'button', name: undefined, value: { a: 'demo.ping', n: 1 }, url: undefined },
      { kind: 'submit', tag: 'button', name: 'demo_submit', value: { a: 'demo.submit' }, url: undefined },
    ]);
  });

  it('pages tables by page_size and notes unknown components', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ n: i }));
    const { html } = renderCard(
      {
        schema: '2.0',
        body: {
          elements: [
            { tag: 'table', page_size: 5, columns: [{ name: 'n', display_name: 'N' }], rows },
            { tag: 'audio' },
          ],
        },
      },
      ctx,
    );
    expect(html.match(/data-page="0"/g)).toHaveLength(5);
    expect(html.match(/ hidden>/g)).toHaveLength(7);
    expect(html).toContain('data-pages="3"');
    expect(html).toContain('暂不支持预览：audio');
  });

  it('keeps a select or date field labelled once a value is chosen (placeholder as label)', () => {
    const { html } = renderCard(
      {
        schema: '2.0',
        body: {
          elements: [
            {
              tag: 'select_static',
              name: 'tier',
              placeholder: { tag: 'plain_text', content: '选择层级' },
              initial_option: 'near',
              options: [{ text: { content: '近期使用' }, value: 'near' }],
            },
            {
              tag: 'date_picker',
              name: 'day',
              placeholder: { tag: 'plain_text', content: '谈话日期' },
              initial_date: '2026-12-05',
            },
            { tag: 'input', name: 'topic', placeholder: { tag: 'plain_text', content: '主题' } },
          ],
        },
      },
      ctx,
    );
    expect(html).toContain('<span class="field-l">选择层级</span><select');
    expect(html).toContain('<span class="field-l">谈话日期</span><input type="date"');
    expect(html).not.toContain('<span class="field-l">主题</span>');
  });

  it('escapes card text everywhere', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { html } = renderCard(
      {
        schema: '2.0',
        header: { title: { tag: 'plain_text', content: evil }, template: 'red" onclick="x' },
        body: {
          elements: [
            { tag: 'button', text: { tag: 'plain_text', content: evil } },
            { tag: 'select_static', name: evil, options: [{ text: { content: evil }, value: evil }] },
          ],
        },
      },
      ctx,
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('onclick="x');
    expect(html).toContain('tpl-default');
  });
});
