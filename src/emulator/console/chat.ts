import type { Message } from './api.js';
import { type CardAction, type Person, renderCard } from './card.render.js';
import { esc } from './html.js';
import { shanghai } from './ui.js';

interface Rendered {
  key: string;
  el: HTMLElement;
  actions: CardAction[];
}

export interface ChatCtx {
  me(): string | null;
  nameOf(openId: string): string;
  people(): Person[];
}

export type ActionHandler = (msg: Message, action: CardAction, node: HTMLElement) => void;

/** The message list: renders incrementally, so a form being filled in survives polling. */
export class ChatView {
  private readonly rendered = new Map<string, Rendered>();
  private readonly byId = new Map<string, Message>();

  constructor(
    private readonly root: HTMLElement,
    private readonly ctx: ChatCtx,
    onAction: ActionHandler,
  ) {
    const dispatch = (node: HTMLElement | null, want: 'click' | 'change') => {
      const host = node?.closest<HTMLElement>('[data-act]');
      const msgEl = host?.closest<HTMLElement>('[data-mid]');
      if (!host || !msgEl) return;
      const r = this.rendered.get(msgEl.dataset.mid!);
      const action = r?.actions[Number(host.dataset.act)];
      if (!action || (want === 'click') !== (action.kind !== 'select')) return;
      onAction(this.byId.get(msgEl.dataset.mid!)!, action, host);
    };
    root.addEventListener('click', (e) => {
      const target = e.target as HTMLElement;
      const pager = target.closest<HTMLElement>('[data-pager]');
      if (pager) return page(pager);
      if (target.closest('button')) dispatch(target.closest('button'), 'click');
    });
    root.addEventListener('change', (e) => dispatch(e.target as HTMLElement, 'change'));
  }

  clear(text: string): void {
    this.rendered.clear();
    this.byId.clear();
    this.root.innerHTML = `<div class="empty">${esc(text)}</div>`;
  }

  update(messages: Message[]): void {
    const atBottom = this.root.scrollHeight - this.root.scrollTop - this.root.clientHeight < 80;
    if (messages.length && this.rendered.size === 0) this.root.innerHTML = '';
    let added = false;
    for (const m of messages) {
      this.byId.set(m.message_id, m);
      const key = JSON.stringify(m.content) + m.patches.length + (m.urgent ? 'u' : '');
      const old = this.rendered.get(m.message_id);
      if (old?.key === key) continue;
      const { html, actions } = this.body(m);
      const el = old?.el ?? document.createElement('div');
      el.className = `msg${m.sender.type === 'user' && m.sender.id === this.ctx.me() ? ' mine' : ''}`;
      el.dataset.mid = m.message_id;
      const urgent = m.urgent ? ' <span class="urgent">加急</span>' : '';
      el.innerHTML = `<div class="msg-meta">${esc(m.sender.name)} · ${esc(shanghai(m.create_time))}${urgent}</div>${html}`;
      if (!old) {
        this.root.append(el);
        added = true;
      }
      this.rendered.set(m.message_id, { key, el, actions });
    }
    if (added && atBottom) this.root.scrollTop = this.root.scrollHeight;
  }

  scrollToEnd(): void {
    this.root.scrollTop = this.root.scrollHeight;
  }

  private body(m: Message): { html: string; actions: CardAction[] } {
    const c = m.content ?? {};
    if (m.msg_type === 'interactive') return renderCard(c, { nameOf: this.ctx.nameOf, people: this.ctx.people() });
    if (m.msg_type === 'file')
      return {
        html: `<div class="bubble file"><span class="file-ic">文件</span><a href="/emulator/api/files/${encodeURIComponent(c.file_key)}" download="${esc(c.file_name)}">${esc(c.file_name)}</a></div>`,
        actions: [],
      };
    if (m.msg_type === 'text')
      return {
        html: `<div class="bubble">${esc(String(c.text ?? '').replace(/@_user_\d+/g, '@青苗'))}</div>`,
        actions: [],
      };
    return { html: `<div class="bubble">${esc(postText(c) || `[${m.msg_type} 消息]`)}</div>`, actions: [] };
  }
}

function postText(c: any): string {
  const post = c?.zh_cn ?? c?.post?.zh_cn ?? c;
  const lines: any[][] = Array.isArray(post?.content) ? post.content : [];
  const body = lines.map((l) => (Array.isArray(l) ? l.map((t) => t?.text ?? '').join('') : '')).join('\n');
  return [post?.title, body].filter(Boolean).join('\n');
}

/** Table pagination (client side, like the Feishu client). */
function page(btn: HTMLElement): void {
  const pager = btn.closest<HTMLElement>('.pager')!;
  const rows = pager.parentElement!.querySelectorAll<HTMLElement>('tr[data-page]');
  const pages = Number(pager.dataset.pages);
  const cur = Number(pager.dataset.cur ?? 0);
  const next = Math.min(pages - 1, Math.max(0, cur + Number(btn.dataset.pager)));
  pager.dataset.cur = String(next);
  for (const r of rows) r.hidden = Number(r.dataset.page) !== next;
  pager.querySelector('span')!.textContent = `${next + 1} / ${pages}`;
}
