import { esc, token } from './html.js';

/**
 * The subset of Feishu card markdown the console renders: **bold**, *italic*, ~~strike~~, `code`,
 * [links](https://…), <font color>, <text_tag color>, <at id>, <br>, headings, lists, quotes, ---, fences.
 * Input is untrusted: everything is escaped except the tags re-created here.
 */
export function renderMarkdown(src: string, nameOf: (openId: string) => string = (id) => id): string {
  const out: string[] = [];
  let list: { kind: 'ul' | 'ol'; items: string[] } | null = null;
  let fence: string[] | null = null;
  const flush = () => {
    if (list) out.push(`<${list.kind}>${list.items.map((i) => `<li>${i}</li>`).join('')}</${list.kind}>`);
    list = null;
  };
  for (const line of src.replace(/\r\n/g, '\n').split('\n')) {
    if (fence) {
      if (/^\s*```/.test(line)) {
        out.push(`<pre><code>${esc(fence.join('\n'))}</code></pre>`);
        fence = null;
      } else fence.push(line);
      continue;
    }
    if (/^\s*```/.test(line)) {
      flush();
      fence = [];
      continue;
    }
    const item = /^\s*(?:([-*+])|(\d+)\.)\s+(.*)$/.exec(line);
    if (item) {
      const kind = item[1] ? 'ul' : 'ol';
      if (list && list.kind !== kind) flush();
      list ??= { kind, items: [] };
      list.items.push(inline(item[3], nameOf));
      continue;
    }
    flush();
    out.push(block(line, nameOf));
  }
  if (fence) out.push(`<pre><code>${esc(fence.join('\n'))}</code></pre>`);
  flush();
  return out.join('');
}

function block(line: string, nameOf: (id: string) => string): string {
  if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) return '<hr>';
  const h = /^(#{1,6})\s+(.*)$/.exec(line);
  if (h) return `<div class="md-h md-h${h[1].length}">${inline(h[2], nameOf)}</div>`;
  const q = /^>\s?(.*)$/.exec(line);
  if (q) return `<blockquote>${inline(q[1], nameOf)}</blockquote>`;
  if (!line.trim()) return '<div class="md-gap"></div>';
  return `<div class="md-p">${inline(line, nameOf)}</div>`;
}

/** Inline markup on one line. Allowed tags become placeholders, the rest is escaped, then markdown applies. */
export function inline(raw: string, nameOf: (id: string) => string = (id) => id): string {
  const kept: string[] = [];
  const keep = (html: string) => `\uE000${kept.push(html) - 1}\uE000`;
  const open: string[] = [];
  let s = raw
    .replace(/\uE000/g, '')
    .replace(/<(\/?)(font|text_tag)(?:\s+color\s*=\s*['"]?([\w-]+)['"]?)?\s*>/gi, (tag, close, name, color) => {
      const kind = name.toLowerCase();
      if (close) {
        // A close tag counts only when it closes the innermost open one; stray ones stay as text.
        if (open.at(-1) !== kind) return tag;
        open.pop();
        return keep('</span>');
      }
      if (color === undefined) return tag;
      open.push(kind);
      return keep(kind === 'font' ? `<span class="fc fc-${token(color)}">` : `<span class="tag tag-${token(color)}">`);
    })
    .replace(/<at\s+(?:id|user_id|email)\s*=\s*['"]?([^'">\s]+)['"]?\s*>\s*<\/at>/gi, (_, id) =>
      keep(`<span class="at">@${esc(id === 'all' ? '所有人' : nameOf(id))}</span>`),
    )
    .replace(/<br\s*\/?>/gi, () => keep('<br>'));
  // Entities written by the bot (mdText) stay entities: the browser shows the character, markdown ignores it.
  s = esc(s)
    .replace(/&amp;(#\d{1,6}|amp|lt|gt|quot);/g, '&$1;')
    .replace(/`([^`]+)`/g, (_, c) => keep(`<code>${c}</code>`))
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (_, t, u) =>
      keep(`<a href="${u}" target="_blank" rel="noopener">${t}</a>`),
    )
    .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
    .replace(/~~(.+?)~~/g, '<s>$1</s>')
    .replace(/(^|[^*])\*([^*\s][^*]*?)\*/g, '$1<i>$2</i>');
  s += '</span>'.repeat(open.length);
  while (/\uE000\d+\uE000/.test(s)) s = s.replace(/\uE000(\d+)\uE000/g, (_, i) => kept[Number(i)]);
  return s;
}
