import { ApiError, api, type ChatInfo, type Message, type User } from './api.js';
import type { CardAction } from './card.render.js';
import { ChatView } from './chat.js';
import { readForm, readOne } from './form.js';
import { esc } from './html.js';
import { roleText, setupSide } from './side.js';
import { setupTools } from './tools.js';
import { $, fileToBase64, type ToastType, toast } from './ui.js';

/** The web console: act as any user of the emulated tenant and chat with the bot. */
const state: { user: User | null; chats: ChatInfo[]; chat: ChatInfo | null; users: User[] } = {
  user: null,
  chats: [],
  chat: null,
  users: [],
};
const names = new Map<string, string>();
const POLL_MS = 1500;
/** False until the bot says it is ready (local mode writes the demo county and binds accounts first). */
let botReady = false;

const chat = new ChatView(
  $('messages'),
  {
    me: () => state.user?.open_id ?? null,
    nameOf: (id) => names.get(id) ?? id,
    people: () => state.users.map((u) => ({ open_id: u.open_id, name: `${u.name}（${u.unit}）` })),
  },
  (msg, action, node) => void onCardAction(msg, action, node),
);

async function refresh(): Promise<void> {
  if (!state.user || !state.chat) return;
  const chatId = state.chat.chat_id;
  const { messages } = await api.messages(chatId, state.user.open_id);
  if (state.chat?.chat_id === chatId) chat.update(messages);
}

/** Refreshes at once, then again when the bot has processed everything (replies arrive asynchronously). */
async function refreshAfterBot(): Promise<void> {
  await refresh();
  await api.settle().catch(() => {});
  await refresh();
}

async function pick(u: User): Promise<void> {
  state.user = u;
  localStorage.setItem('qm.user', u.open_id);
  document.body.classList.remove('show-side');
  side.mark(u.open_id);
  $('me').innerHTML =
    `${esc(u.name)}<small>${esc(u.unit)}${u.roles.length ? ` · ${esc(roleText(u.roles))}` : ''}</small>`;
  state.chats = (await api.chats(u.open_id)).chats;
  renderTabs();
  await openChat(state.chats[0]);
  setComposer();
  if (botReady) await greet(u);
}

/** Opening the private chat the first time: Feishu tells the bot, which may greet with a welcome card. */
async function greet(u: User): Promise<void> {
  const { messages } = await api.messages(state.chats[0].chat_id, u.open_id);
  if (messages.length === 0) {
    await api.enter(u.open_id);
    await refreshAfterBot();
  }
}

/** Sending needs a user and a ready bot (a message during seeding would meet "您尚未登记"). */
function setComposer(): void {
  const off = !botReady || !state.user;
  for (const el of [$<HTMLInputElement>('text-input'), $<HTMLButtonElement>('send-btn')]) el.disabled = off;
}

/** Polls /healthz until the bot is ready, showing "示范县生成中…" meanwhile; then enables sending. */
async function awaitReady(): Promise<void> {
  const banner = $('startup');
  for (;;) {
    const h = await api.health().catch(() => null);
    if (h?.ready) break;
    banner.hidden = false;
    banner.textContent = h?.phase === 'seeding' ? '示范县生成中…完成后即可发送消息' : '青苗正在启动…完成后即可发送消息';
    await new Promise((r) => setTimeout(r, 1000));
  }
  banner.hidden = true;
  botReady = true;
  setComposer();
  if (state.user) await greet(state.user);
}

function renderTabs(): void {
  $('tabs').innerHTML = state.chats
    .map(
      (c) =>
        `<button type="button" data-chat="${esc(c.chat_id)}" class="${c.chat_id === state.chat?.chat_id ? 'active' : ''}">${c.type === 'p2p' ? '与青苗私聊' : `${esc(c.name)}（${c.member_count}人）`}</button>`,
    )
    .join('');
}

async function openChat(c: ChatInfo): Promise<void> {
  state.chat = c;
  renderTabs();
  chat.clear(
    c.type === 'p2p' ? '还没有消息。发送“帮助”看看青苗能做什么。' : `在${c.name}中发送消息时，请先输入“@青苗”。`,
  );
  $<HTMLInputElement>('text-input').placeholder = c.type === 'p2p' ? '输入消息，如：帮助' : '@青苗 帮助';
  await refresh();
  chat.scrollToEnd();
}

async function onCardAction(msg: Message, action: CardAction, node: HTMLElement): Promise<void> {
  if (!state.user) return;
  if (action.kind === 'url') {
    if (action.url) window.open(action.url, '_blank', 'noopener');
    return;
  }
  if (action.kind === 'reset') return node.closest('form')?.reset();
  const body: Record<string, unknown> = { message_id: msg.message_id, from: state.user.open_id, tag: action.tag };
  if (action.value) body.value = action.value;
  if (action.name) body.name = action.name;
  if (action.kind === 'submit') {
    const form = node.closest<HTMLElement>('form');
    const read = form ? readForm(form) : { values: {}, missing: [] };
    if (read.missing.length) return toast(`请填写必填项：${read.missing.join('、')}`, 'warning');
    body.form_value = read.values;
  }
  if (action.kind === 'select') Object.assign(body, selection(action, node));
  const buttons = node.closest('.card')?.querySelectorAll<HTMLButtonElement>('button[data-act]') ?? [];
  for (const b of buttons) b.disabled = true;
  try {
    const answer = await api.click(body);
    if (answer?.toast?.content) toast(answer.toast.content, (answer.toast.type ?? 'info') as ToastType);
  } catch (e) {
    toast(e instanceof ApiError ? e.message : '操作失败，请稍后重试', 'error', 5000);
  } finally {
    for (const b of buttons) b.disabled = false;
  }
  await refreshAfterBot();
}

/** What a component outside a form sends when it changes. */
function selection(action: CardAction, node: HTMLElement): Record<string, unknown> {
  const field = node.querySelector<HTMLElement>('[data-kind]');
  const v = field ? readOne(field) : undefined;
  if (action.tag === 'input') return { input_value: v ?? '' };
  if (action.tag === 'checker') return { checked: Boolean(v) };
  if (action.tag.startsWith('multi_')) return { options: v ?? [] };
  return { option: v ?? '' };
}

async function send(e: Event): Promise<void> {
  e.preventDefault();
  const input = $<HTMLInputElement>('text-input');
  const text = input.value.trim();
  if (!text || !state.user || !state.chat) return;
  input.value = '';
  try {
    await api.send(state.user.open_id, state.chat.chat_id, text);
    chat.scrollToEnd();
    await refreshAfterBot();
    chat.scrollToEnd();
  } catch (err: any) {
    toast(err.message, 'error');
  }
}

async function sendFile(): Promise<void> {
  const input = $<HTMLInputElement>('file-input');
  const file = input.files?.[0];
  input.value = '';
  if (!file || !state.user || !state.chat) return;
  try {
    await api.sendFile(state.user.open_id, state.chat.chat_id, file.name, await fileToBase64(file));
    toast(`已发送文件 ${file.name}`, 'success');
    await refreshAfterBot();
  } catch (err: any) {
    toast(err.message, 'error');
  }
}

const { users } = await api.users('', 100_000);
state.users = users;
for (const u of users) names.set(u.open_id, u.name);
const side = setupSide(users, (u) => void pick(u));
const tools = setupTools(() => void refresh());
$('composer').addEventListener('submit', (e) => void send(e));
$('file-input').addEventListener('change', () => void sendFile());
$('tabs').addEventListener('click', (e) => {
  const id = (e.target as HTMLElement).closest<HTMLElement>('[data-chat]')?.dataset.chat;
  const c = state.chats.find((x) => x.chat_id === id);
  if (c) void openChat(c);
});
$('toggle-side').addEventListener('click', () => document.body.classList.toggle('show-side'));
$('toggle-tools').addEventListener('click', () => document.body.classList.toggle('show-tools'));
await tools.tickClock();
const readiness = awaitReady();
setInterval(() => void refresh().catch(() => {}), POLL_MS);
setInterval(() => void tools.tickClock().catch(() => {}), 15_000);
const wanted = new URLSearchParams(location.search).get('user') ?? localStorage.getItem('qm.user');
const initial = users.find((u) => u.open_id === wanted) ?? users.find((u) => u.note);
if (initial) await pick(initial);
await readiness;
