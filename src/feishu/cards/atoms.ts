/**
 * Card JSON 2.0 atoms. Pure builders; every capability composes its cards from these.
 * Interactive elements carry `{ a: '<capability>.<verb>', ...payload }` as their callback value:
 * the router routes on `a` (and on the element `name` as a fallback for form submits).
 */
export type Json = Record<string, unknown>;
export type Element = Json;
export type Template =
  | 'blue'
  | 'wathet'
  | 'turquoise'
  | 'green'
  | 'yellow'
  | 'orange'
  | 'red'
  | 'carmine'
  | 'violet'
  | 'purple'
  | 'indigo'
  | 'grey'
  | 'default';

export interface Card extends Json {
  schema: '2.0';
  config: Json;
  header?: Json;
  body: { elements: Element[] };
}

export interface CardOptions {
  title: string;
  subtitle?: string;
  template?: Template;
  tags?: string[];
  summary?: string;
  /**
   * Cards are not forwardable by default: almost every card names cadres, their units, talks or assessments,
   * and a forwarded card leaves the scope checks behind. Only cards without personal data (help) opt in.
   */
  forwardable?: boolean;
}

export function card(opts: CardOptions, elements: Element[]): Card {
  const header: Json = { title: plain(opts.title), template: opts.template ?? 'blue' };
  if (opts.subtitle) header.subtitle = plain(opts.subtitle);
  if (opts.tags?.length) {
    header.text_tag_list = opts.tags.map((t) => ({ tag: 'text_tag', text: plain(t), color: 'neutral' }));
  }
  return {
    schema: '2.0',
    config: {
      update_multi: true,
      enable_forward: opts.forwardable ?? false,
      width_mode: 'fill',
      summary: { content: opts.summary ?? opts.title },
    },
    header,
    body: { elements },
  };
}

export const plain = (content: string) => ({ tag: 'plain_text', content });

export const md = (content: string): Element => ({ tag: 'markdown', content });

const MD_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
  '(': '&#40;',
  ')': '&#41;',
  '#': '&#35;',
  '|': '&#124;',
  '\\': '&#92;',
  $: '&#36;',
  '-': '&#45;',
  '+': '&#43;',
  '!': '&#33;',
  ':': '&#58;',
  '.': '&#46;',
};

/**
 * User- or data-supplied text made inert for card Markdown: every character Feishu's Markdown or its
 * tags (`<at>`, `<font>`, links) would interpret becomes an HTML entity, which Feishu renders literally.
 * Every name, topic, reason or file name interpolated into `md(...)` goes through this.
 */
export const mdText = (text: unknown): string =>
  String(text ?? '')
    .replace(/[&<>*_~`[\]()#|\\$!]/g, (c) => MD_ENTITIES[c] ?? c)
    // List, rule and numbered-list markers only matter at a line start; a bare URL is auto-linked at its "://".
    .replace(
      /^(\s*)([-+]|\d+\.)/gm,
      (_m, sp: string, mark: string) => sp + mark.replace(/[-+.]/, (c) => MD_ENTITIES[c]),
    )
    .replace(/:(?=\/\/)/g, MD_ENTITIES[':']);

export const hr = (): Element => ({ tag: 'hr' });

export type ButtonType = 'default' | 'primary' | 'danger' | 'text' | 'primary_filled' | 'danger_filled' | 'laser';

export function button(text: string, action: string, payload: Json = {}, type: ButtonType = 'default'): Element {
  const value = { a: action, ...payload };
  return { tag: 'button', text: plain(text), type, value, behaviors: [{ type: 'callback', value }] };
}

/** A form's submit button; `name` doubles as the route when Feishu does not echo the value. */
export function submitButton(text: string, action: string, payload: Json = {}, name = action): Element {
  const value = { a: action, ...payload };
  return {
    tag: 'button',
    name: name.replace(/[^A-Za-z0-9_]/g, '_'),
    text: plain(text),
    type: 'primary_filled',
    form_action_type: 'submit',
    value,
    behaviors: [{ type: 'callback', value }],
  };
}

export function columns(
  cols: Element[][],
  opts: { flexMode?: 'none' | 'stretch' | 'flow' | 'bisect' | 'trisect' } = {},
): Element {
  return {
    tag: 'column_set',
    flex_mode: opts.flexMode ?? 'none',
    columns: cols.map((elements) => ({ tag: 'column', width: 'weighted', weight: 1, elements })),
  };
}

export function form(name: string, elements: Element[]): Element {
  return { tag: 'form', name, elements };
}

export function input(
  name: string,
  label: string,
  opts: { placeholder?: string; required?: boolean; multiline?: boolean; maxLength?: number; initial?: string } = {},
): Element {
  const el: Element = {
    tag: 'input',
    name,
    label: plain(label),
    label_position: 'top',
    required: opts.required ?? false,
    input_type: opts.multiline ? 'multiline_text' : 'text',
    max_length: opts.maxLength ?? 500,
  };
  if (opts.placeholder) el.placeholder = plain(opts.placeholder);
  if (opts.initial) el.default_value = opts.initial;
  return el;
}

export interface Option {
  label: string;
  value: string;
}

const options = (opts: Option[]) => opts.map((o) => ({ text: plain(o.label), value: o.value }));

export function select(name: string, placeholder: string, opts: Option[], initial?: string, required = false): Element {
  const el: Element = { tag: 'select_static', name, placeholder: plain(placeholder), options: options(opts), required };
  if (initial) el.initial_option = initial;
  return el;
}

export function multiSelect(name: string, placeholder: string, opts: Option[], initial: string[] = []): Element {
  const el: Element = { tag: 'multi_select_static', name, placeholder: plain(placeholder), options: options(opts) };
  if (initial.length) el.selected_values = initial;
  return el;
}

export function personPicker(name: string, placeholder: string, openIds: string[] = []): Element {
  const el: Element = { tag: 'select_person', name, placeholder: plain(placeholder) };
  if (openIds.length) el.options = openIds.map((value) => ({ value }));
  return el;
}

export function datePicker(name: string, placeholder: string, initial?: string, required = false): Element {
  const el: Element = { tag: 'date_picker', name, placeholder: plain(placeholder), required };
  if (initial) el.initial_date = initial;
  return el;
}

export interface TableColumn {
  name: string;
  label: string;
  type?: 'text' | 'number' | 'lark_md' | 'date';
}

/** A table (root of body only, ≤ 5 per card). */
export function table(cols: TableColumn[], rows: Json[], pageSize = 10): Element {
  return {
    tag: 'table',
    page_size: Math.min(10, Math.max(1, pageSize)),
    row_height: 'low',
    header_style: { bold: true, background_style: 'grey' },
    columns: cols.map((c) => ({ name: c.name, display_name: c.label, data_type: c.type ?? 'text', width: 'auto' })),
    rows,
  };
}

export function collapsible(title: string, elements: Element[], expanded = false): Element {
  return { tag: 'collapsible_panel', expanded, header: { title: plain(title) }, elements };
}

/** A one-line notice card: errors, confirmations. */
export function notice(title: string, text: string, template: Template = 'blue'): Card {
  return card({ title, template }, [md(text)]);
}
