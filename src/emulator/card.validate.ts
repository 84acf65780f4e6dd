/**
 * Card JSON 2.0 checks the emulator applies before accepting a card, with Feishu's error codes:
 * 230025 when the content is over 30 KB, 230099 (sub-code 11310) for a card Feishu would refuse.
 * Pure: card in, first problem out.
 */
export interface CardProblem {
  code: 230025 | 230099;
  msg: string;
}

export const MAX_CARD_BYTES = 30 * 1024;
export const MAX_ELEMENTS = 200;
export const MAX_TABLES = 5;
export const MAX_PAGE_SIZE = 10;

const TOP_KEYS = new Set(['schema', 'config', 'card_link', 'header', 'body']);
const HEADER_KEYS = new Set([
  'title',
  'subtitle',
  'text_tag_list',
  'i18n_text_tag_list',
  'template',
  'icon',
  'ud_icon',
  'padding',
]);
const TEMPLATES = new Set([
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'default',
]);
const INTERACTIVE = new Set([
  'input',
  'select_static',
  'multi_select_static',
  'select_person',
  'multi_select_person',
  'select_img',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'checker',
  'button',
]);
const KNOWN = new Set([
  ...INTERACTIVE,
  'markdown',
  'div',
  'plain_text',
  'lark_md',
  'hr',
  'img',
  'img_combination',
  'column_set',
  'column',
  'form',
  'interactive_container',
  'collapsible_panel',
  'overflow',
  'table',
  'chart',
  'person',
  'person_list',
  'text_tag',
  'standard_icon',
  'custom_icon',
  'audio',
]);
/** Containers whose `elements` hold child components. */
const CONTAINERS = new Set(['form', 'column', 'interactive_container', 'collapsible_panel']);

class Invalid extends Error {
  constructor(
    readonly detail: string,
    readonly value: string,
  ) {
    super(detail);
  }
}

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a card given as the message `content` string (or an already parsed object). */
/** Feishu's chart component accepts these aspect ratios only. */
const CHART_RATIOS: unknown[] = ['1:1', '2:1', '4:3', '16:9'];

export function validateCard(content: string | unknown): CardProblem | null {
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  if (Buffer.byteLength(text, 'utf8') > MAX_CARD_BYTES)
    return { code: 230025, msg: 'The length of the message content reaches its limit.' };
  let card: unknown;
  try {
    card = typeof content === 'string' ? JSON.parse(content) : content;
  } catch {
    return invalid('parse card json err, please check whether the card json is correct', 'content');
  }
  try {
    checkCard(card);
    return null;
  } catch (e) {
    if (e instanceof Invalid) return invalid(e.detail, e.value);
    throw e;
  }
}

function invalid(detail: string, value: string): CardProblem {
  return {
    code: 230099,
    msg: `Failed to create card content, ext=ErrCode: 11310; ErrMsg: ${detail}; ErrorValue: ${value}; `,
  };
}

function checkCard(card: unknown): void {
  if (!isObj(card)) throw new Invalid('card must be a json object', 'card');
  if (card.schema !== '2.0')
    throw new Invalid('schema must be "2.0" (the emulator accepts card JSON 2.0 only)', 'schema');
  for (const k of Object.keys(card)) if (!TOP_KEYS.has(k)) throw new Invalid('unknown property', k);
  if (card.config !== undefined && !isObj(card.config)) throw new Invalid('config must be an object', 'config');
  if (card.header !== undefined) checkHeader(card.header);
  if (!isObj(card.body) || !Array.isArray(card.body.elements)) throw new Invalid('body.elements is required', 'body');
  const count = { elements: 0, tables: 0 };
  for (const el of card.body.elements) checkElement(el, { root: true, inForm: null }, count);
  if (count.elements > MAX_ELEMENTS) throw new Invalid('card element number over limit', String(count.elements));
  if (count.tables > MAX_TABLES) throw new Invalid('card table number over limit', 'table');
}

function checkHeader(h: unknown): void {
  if (!isObj(h)) throw new Invalid('header must be an object', 'header');
  for (const k of Object.keys(h)) if (!HEADER_KEYS.has(k)) throw new Invalid('unknown property', `header.${k}`);
  if (!isObj(h.title)) throw new Invalid('header.title is required', 'header.title');
  if (h.template !== undefined && !TEMPLATES.has(h.template)) throw new Invalid('invalid header template', h.template);
}

interface Where {
  root: boolean;
  /** Names already used in the enclosing form, or null outside a form. */
  inForm: Set<string> | null;
}

function checkElement(el: unknown, where: Where, count: { elements: number; tables: number }): void {
  if (!isObj(el) || typeof el.tag !== 'string') throw new Invalid('element must be an object with a tag', 'tag');
  const tag = el.tag;
  count.elements++;
  if (tag === 'action' || tag === 'note') throw new Invalid(`tag ${tag} is not supported in card JSON 2.0`, tag);
  if (!KNOWN.has(tag)) throw new Invalid('unknown tag', tag);
  checkPlacement(el, tag, where);
  if (tag === 'table') {
    count.tables++;
    checkTable(el);
  }
  if (where.inForm && INTERACTIVE.has(tag)) {
    if (typeof el.name !== 'string' || !el.name) throw new Invalid('component in a form needs a name', tag);
    if (where.inForm.has(el.name)) throw new Invalid('duplicate name in form', el.name);
    where.inForm.add(el.name);
  }
  checkAttributes(el, tag);
  const inner: Where = { root: false, inForm: tag === 'form' ? new Set() : where.inForm };
  if (tag === 'column_set') {
    if (!Array.isArray(el.columns)) throw new Invalid('column_set needs columns', tag);
    for (const col of el.columns) checkElement(col, inner, count);
  }
  if (CONTAINERS.has(tag)) {
    if (!Array.isArray(el.elements)) throw new Invalid(`${tag} needs elements`, tag);
    for (const child of el.elements) checkElement(child, inner, count);
  }
  if (tag === 'form') checkFormSubmit(el);
}

function checkPlacement(el: Record<string, any>, tag: string, where: Where): void {
  if (tag === 'form') {
    if (where.inForm) throw new Invalid('form cannot be nested in a form', 'form');
    if (!where.root) throw new Invalid('form must be at the root of body', 'form');
    if (typeof el.name !== 'string' || !el.name) throw new Invalid('form needs a name', 'form');
  }
  if (tag === 'table' && !where.root) throw new Invalid('table must be at the root of body', 'table');
  if (tag === 'column' && where.root) throw new Invalid('column must be inside a column_set', 'column');
}

function checkTable(el: Record<string, any>): void {
  const size = el.page_size ?? 5;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw new Invalid('table page_size must be 1..10', String(size));
  if (!Array.isArray(el.columns) || el.columns.length === 0) throw new Invalid('table needs columns', 'table');
  if (el.rows !== undefined && !Array.isArray(el.rows)) throw new Invalid('table rows must be an array', 'table');
}

function checkAttributes(el: Record<string, any>, tag: string): void {
  if (tag === 'markdown' && typeof el.content !== 'string') throw new Invalid('markdown needs content', tag);
  if (tag === 'input' && el.max_length !== undefined && !(el.max_length >= 1 && el.max_length <= 1000))
    throw new Invalid('input max_length must be 1..1000', String(el.max_length));
  if ((tag === 'select_static' || tag === 'multi_select_static') && !Array.isArray(el.options))
    throw new Invalid(`${tag} needs options`, tag);
  if (tag === 'button' && !isObj(el.text)) throw new Invalid('button needs text', tag);
  if (tag === 'chart' && !isObj(el.chart_spec)) throw new Invalid('chart needs chart_spec', tag);
  if (tag === 'chart' && el.aspect_ratio !== undefined && !CHART_RATIOS.includes(el.aspect_ratio))
    throw new Invalid(`chart aspect_ratio must be one of ${CHART_RATIOS.join(', ')}`, tag);
  if (tag === 'date_picker' && el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date)))
    throw new Invalid('date_picker initial_date must be yyyy-MM-dd', String(el.initial_date));
}

function checkFormSubmit(form: Record<string, any>): void {
  const hasSubmit = (els: unknown[]): boolean =>
    els.some(
      (e) =>
        isObj(e) &&
        ((e.tag === 'button' && e.form_action_type === 'submit') ||
          (e.tag === 'column_set' &&
            Array.isArray(e.columns) &&
            e.columns.some((c: any) => hasSubmit(c?.elements ?? [])))),
    );
  if (!hasSubmit(form.elements)) throw new Invalid('form needs a submit button', String(form.name));
}
