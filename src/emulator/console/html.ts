/** HTML escaping for the console's string renderers (everything from a card is untrusted text). */
export function esc(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A CSS-safe token (colors, templates) or '' when it is anything else. */
export const token = (s: unknown): string => (typeof s === 'string' && /^[a-z][a-z0-9_-]{0,30}$/i.test(s) ? s : '');

/** Text of a plain_text / lark_md object, or of a bare string. */
export function textOf(t: unknown): string {
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object' && 'content' in t) return String((t as { content: unknown }).content ?? '');
  return '';
}
