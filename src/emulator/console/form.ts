/** Reads a card form the way the Feishu client submits it: `form_value` keyed by each component's name. */
const TZ = '+0800';

export interface FormRead {
  values: Record<string, unknown>;
  /** Labels of required components left empty (the Feishu client refuses to submit then). */
  missing: string[];
}

export function readForm(form: HTMLElement): FormRead {
  const values: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const node of form.querySelectorAll<HTMLElement>('[data-kind]')) {
    const name = node.getAttribute('name') ?? node.dataset.multi ?? '';
    if (!name) continue;
    const v = readOne(node);
    const empty = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty && (node as HTMLInputElement).required) missing.push(labelOf(node) || name);
    if (v !== undefined) values[name] = v;
  }
  return { values, missing };
}

/** The value one component sends (also used for components outside forms, which call back on change). */
export function readOne(node: HTMLElement): unknown {
  const kind = node.dataset.kind;
  if (kind === 'multi')
    return [...node.querySelectorAll<HTMLInputElement>('input[type=checkbox]')]
      .filter((b) => b.checked)
      .map((b) => b.value);
  const input = node as HTMLInputElement;
  if (kind === 'checker') return input.checked;
  if (kind === 'text') return input.value;
  if (!input.value) return undefined;
  if (kind === 'date') return `${input.value} ${TZ}`;
  if (kind === 'time') return `${input.value} ${TZ}`;
  if (kind === 'datetime') return `${input.value.replace('T', ' ')} ${TZ}`;
  return input.value;
}

function labelOf(node: HTMLElement): string {
  return node.closest('label.field')?.querySelector('.field-l')?.textContent?.replace(/\*$/, '') ?? '';
}
