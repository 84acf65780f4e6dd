import type { Person, RenderCtx } from './card.render.js';
import { esc, textOf } from './html.js';

/** Input-like card components (inputs, selects, pickers) as HTML form controls carrying `name` and `data-kind`. */
type El = Record<string, any>;

const attrs = (el: El, kind: string) =>
  `name="${esc(el.name ?? '')}" data-kind="${kind}"${el.required ? ' required' : ''}${el.disabled ? ' disabled' : ''}`;
const placeholder = (el: El) => (el.placeholder ? ` placeholder="${esc(textOf(el.placeholder))}"` : '');

function options(list: El[], selected: (v: string) => boolean): string {
  return list
    .map(
      (o) =>
        `<option value="${esc(o.value)}"${selected(String(o.value)) ? ' selected' : ''}>${esc(textOf(o.text) || o.value)}</option>`,
    )
    .join('');
}

export function renderField(el: El, ctx: RenderCtx): string | null {
  const opts: El[] = Array.isArray(el.options) ? el.options : [];
  switch (el?.tag) {
    case 'input':
      return el.input_type === 'multiline_text'
        ? `<textarea ${attrs(el, 'text')}${placeholder(el)} maxlength="${Number(el.max_length) || 1000}" rows="${Number(el.rows) || 3}">${esc(el.default_value ?? '')}</textarea>`
        : `<input type="${el.input_type === 'password' ? 'password' : 'text'}" ${attrs(el, 'text')}${placeholder(el)} maxlength="${Number(el.max_length) || 1000}" value="${esc(el.default_value ?? '')}">`;
    case 'select_static':
      return `<select ${attrs(el, 'select')}><option value="">${esc(textOf(el.placeholder) || '请选择')}</option>${options(opts, (v) => v === el.initial_option)}</select>`;
    case 'multi_select_static':
      return multi(
        el,
        opts.map((o) => ({ value: String(o.value), label: textOf(o.text) || String(o.value) })),
        el.selected_values ?? [],
      );
    case 'select_person':
      return `<select ${attrs(el, 'select')}><option value="">${esc(textOf(el.placeholder) || '选择人员')}</option>${personOptions(el, ctx)}</select>`;
    case 'multi_select_person':
      return multi(
        el,
        personList(el, ctx).map((p) => ({ value: p.open_id, label: p.name })),
        el.selected_values ?? [],
      );
    case 'date_picker':
      return `<input type="date" ${attrs(el, 'date')} value="${esc(el.initial_date ?? '')}">`;
    case 'picker_time':
      return `<input type="time" ${attrs(el, 'time')} value="${esc(el.initial_time ?? '')}">`;
    case 'picker_datetime':
      return `<input type="datetime-local" ${attrs(el, 'datetime')} value="${esc(String(el.initial_datetime ?? '').replace(' ', 'T'))}">`;
    case 'checker':
      return `<span class="checker"><input type="checkbox" ${attrs(el, 'checker')}${el.checked ? ' checked' : ''}> ${esc(textOf(el.text))}</span>`;
    case 'overflow':
      return `<select ${attrs(el, 'select')}><option value="">…</option>${options(opts, () => false)}</select>`;
    default:
      return null;
  }
}

function personList(el: El, ctx: RenderCtx): Person[] {
  const opts: El[] = Array.isArray(el.options) ? el.options : [];
  return opts.length ? opts.map((o) => ({ open_id: String(o.value), name: ctx.nameOf(String(o.value)) })) : ctx.people;
}

function personOptions(el: El, ctx: RenderCtx): string {
  return personList(el, ctx)
    .map(
      (p) =>
        `<option value="${esc(p.open_id)}"${p.open_id === el.initial_option ? ' selected' : ''}>${esc(p.name)}</option>`,
    )
    .join('');
}

function multi(el: El, items: { value: string; label: string }[], selected: string[]): string {
  const boxes = items.map(
    (i) =>
      `<label class="opt"><input type="checkbox" value="${esc(i.value)}"${selected.includes(i.value) ? ' checked' : ''}> ${esc(i.label)}</label>`,
  );
  return `<span class="multi" data-multi="${esc(el.name ?? '')}" data-kind="multi">${boxes.join('')}</span>`;
}
