import { renderChart } from './chart.js';
import { renderField } from './fields.render.js';
import { esc, textOf, token } from './html.js';
import { renderMarkdown } from './markdown.js';

/** What a clickable part of a card does; the DOM refers to it by index (`data-act`). */
export interface CardAction {
  kind: 'button' | 'submit' | 'reset' | 'select' | 'url';
  tag: string;
  name?: string;
  value?: Record<string, unknown>;
  url?: string;
}

export interface Person {
  open_id: string;
  name: string;
}

export interface RenderCtx {
  nameOf(openId: string): string;
  /** People offered by a person picker that lists no options (Feishu lets you pick anyone). */
  people: Person[];
}

type El = Record<string, any>;

/** Renders a card JSON 2.0 to HTML (pure; every value from the card is escaped). */
export function renderCard(card: El, ctx: RenderCtx): { html: string; actions: CardAction[] } {
  const r = new Renderer(ctx);
  const header = card?.header ? r.header(card.header) : '';
  const body = Array.isArray(card?.body?.elements) ? r.elements(card.body.elements, false) : '';
  return { html: `<div class="card">${header}<div class="card-body">${body}</div></div>`, actions: r.actions };
}

class Renderer {
  readonly actions: CardAction[] = [];
  constructor(private readonly ctx: RenderCtx) {}

  header(h: El): string {
    const tpl = token(h.template) || 'default';
    const tags = Array.isArray(h.text_tag_list) ? h.text_tag_list.map((t: El) => this.tag(t)).join('') : '';
    const sub = h.subtitle ? `<div class="card-subtitle">${esc(textOf(h.subtitle))}</div>` : '';
    return `<div class="card-header tpl-${tpl}"><div class="card-title">${esc(textOf(h.title))}${tags}</div>${sub}</div>`;
  }

  elements(list: El[], inForm: boolean): string {
    return list.map((el) => this.element(el, inForm)).join('');
  }

  private act(a: CardAction): number {
    return this.actions.push(a) - 1;
  }

  private element(el: El, inForm: boolean): string {
    switch (el?.tag) {
      case 'markdown':
        return `<div class="md align-${token(el.text_align) || 'left'}">${renderMarkdown(String(el.content ?? ''), this.ctx.nameOf)}</div>`;
      case 'div':
      case 'plain_text':
      case 'lark_md':
        return `<div class="md">${renderMarkdown(textOf(el.text ?? el), this.ctx.nameOf)}</div>`;
      case 'hr':
        return '<hr class="card-hr">';
      case 'img':
        return `<div class="img-ph">［图片］${esc(textOf(el.alt))}</div>`;
      case 'column_set':
        return this.columns(el, inForm);
      case 'collapsible_panel':
        return `<details class="panel"${el.expanded ? ' open' : ''}><summary>${esc(textOf(el.header?.title))}</summary>${this.elements(el.elements ?? [], inForm)}</details>`;
      case 'interactive_container':
        return `<div class="ic">${this.elements(el.elements ?? [], inForm)}</div>`;
      case 'form':
        return `<form class="cform" data-form="${esc(el.name)}" onsubmit="return false">${this.elements(el.elements ?? [], true)}</form>`;
      case 'button':
        return this.button(el, inForm);
      case 'table':
        return this.table(el);
      case 'chart':
        return `<div class="chart-box">${renderChart(el.chart_spec)}</div>`;
      case 'text_tag':
        return this.tag(el);
      case 'person':
        return `<span class="at">@${esc(this.ctx.nameOf(String(el.user_id ?? '')))}</span>`;
      default:
        return this.field(el, inForm);
    }
  }

  private columns(el: El, inForm: boolean): string {
    const cols = (el.columns ?? []).map((c: El) => {
      const grow = c.width === 'weighted' ? Number(c.weight) || 1 : c.width === 'auto' ? 0 : 1;
      return `<div class="col" style="flex:${grow} 1 0">${this.elements(c.elements ?? [], inForm)}</div>`;
    });
    return `<div class="cols">${cols.join('')}</div>`;
  }

  private button(el: El, inForm: boolean): string {
    const callback = (el.behaviors ?? []).find((b: El) => b?.type === 'callback');
    const link = (el.behaviors ?? []).find((b: El) => b?.type === 'open_url');
    const kind: CardAction['kind'] =
      inForm && el.form_action_type === 'submit'
        ? 'submit'
        : inForm && el.form_action_type === 'reset'
          ? 'reset'
          : link
            ? 'url'
            : 'button';
    const i = this.act({
      kind,
      tag: 'button',
      name: el.name,
      value: callback?.value ?? el.value,
      url: link?.default_url,
    });
    const type = token(el.type) || 'default';
    return `<button type="button" class="btn btn-${type}" data-act="${i}"${el.disabled ? ' disabled' : ''}>${esc(textOf(el.text))}</button>`;
  }

  private tag(t: El): string {
    return `<span class="tag tag-${token(t.color) || 'neutral'}">${esc(textOf(t.text))}</span>`;
  }

  private table(el: El): string {
    const cols: El[] = el.columns ?? [];
    const rows: El[] = el.rows ?? [];
    const size = Math.min(10, Math.max(1, Number(el.page_size) || 5));
    const head = cols.map((c) => `<th>${esc(c.display_name ?? c.name)}</th>`).join('');
    const body = rows.map((row, i) => {
      const cells = cols.map((c) => `<td class="t-${token(c.data_type)}">${this.cell(row[c.name], c.data_type)}</td>`);
      const page = Math.floor(i / size);
      return `<tr data-page="${page}"${page > 0 ? ' hidden' : ''}>${cells.join('')}</tr>`;
    });
    const pages = Math.ceil(rows.length / size);
    const pager =
      pages > 1
        ? `<div class="pager" data-pages="${pages}"><button type="button" data-pager="-1">‹</button><span>1 / ${pages}</span><button type="button" data-pager="1">›</button></div>`
        : '';
    const empty = rows.length === 0 ? `<tr><td colspan="${cols.length}" class="t-empty">暂无数据</td></tr>` : '';
    return `<div class="tbl"><table><thead><tr>${head}</tr></thead><tbody>${body.join('')}${empty}</tbody></table>${pager}</div>`;
  }

  private cell(v: unknown, type: unknown): string {
    if (v === null || v === undefined) return '';
    if (type === 'lark_md' || type === 'markdown') return renderMarkdown(String(v), this.ctx.nameOf);
    if (type === 'options' && Array.isArray(v))
      return v.map((o: El) => this.tag({ text: o.text, color: o.color })).join('');
    if (type === 'persons' && Array.isArray(v)) return v.map((id) => `@${esc(this.ctx.nameOf(String(id)))}`).join(' ');
    if (type === 'date' && typeof v === 'number') return esc(new Date(v).toLocaleDateString('zh-CN'));
    return esc(typeof v === 'object' ? JSON.stringify(v) : v);
  }

  /** Input-like components: inside a form they are collected on submit; outside they call back on change. */
  private field(el: El, inForm: boolean): string {
    const f = renderField(el, this.ctx);
    if (f === null) return `<div class="unsupported">［暂不支持预览：${esc(el?.tag ?? '未知组件')}］</div>`;
    const act = inForm
      ? ''
      : ` data-act="${this.act({ kind: 'select', tag: String(el.tag), name: el.name, value: el.value ?? el.behaviors?.[0]?.value })}"`;
    // Selects and pickers show their placeholder only while empty: without a label it becomes the label, so a
    // filled field still says what it is.
    const label = textOf(el.label) || (KEEPS_PLACEHOLDER.has(String(el.tag)) ? '' : textOf(el.placeholder));
    const req = el.required ? '<span class="req">*</span>' : '';
    return `<label class="field"${act}>${label ? `<span class="field-l">${esc(label)}${req}</span>` : ''}${f}</label>`;
  }
}

/** Components whose placeholder does not become a label (inputs keep theirs until typed into). */
const KEEPS_PLACEHOLDER = new Set(['input', 'checker', 'overflow', 'button']);
