/** The console talks only to the emulator's control API and the bot's /dev routes. */
export interface User {
  open_id: string;
  name: string;
  unit: string;
  roles: string[];
  note?: string | null;
  in_leaders_chat: boolean;
}

export interface ChatInfo {
  chat_id: string;
  type: 'p2p' | 'group';
  name: string;
  member_count: number;
}

export interface Message {
  message_id: string;
  chat_id: string;
  sender: { type: 'app' | 'user'; id: string; name: string };
  msg_type: string;
  content: any;
  create_time: string;
  patches: unknown[];
  /** Sent as 应用内加急 to this viewer. */
  urgent?: boolean;
}

export interface Job {
  name: string;
  cron: string;
  description: string;
  nextRun: string | null;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: any,
  ) {
    super(message);
  }
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(data?.error ?? data?.msg ?? `HTTP ${res.status}`, res.status, data);
  return data as T;
}

const qs = (o: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(o).filter(([, v]) => v !== undefined) as [string, string][]).toString();

export const api = {
  users: (q = '', limit = 200) =>
    call<{ total: number; users: User[] }>('GET', `/emulator/api/users?${qs({ q, limit })}`),
  featured: () => call<{ total: number; users: User[] }>('GET', '/emulator/api/users?featured=1'),
  chats: (user: string) => call<{ chats: ChatInfo[] }>('GET', `/emulator/api/chats?${qs({ user })}`),
  messages: (chatId: string, viewer: string) =>
    call<{ chat_id: string; messages: Message[] }>('GET', `/emulator/api/messages?${qs({ chat_id: chatId, viewer })}`),
  send: (from: string, chatId: string, text: string) =>
    call<{ message_id: string }>('POST', '/emulator/api/messages', { from, chat_id: chatId, text }),
  sendFile: (from: string, chatId: string, name: string, base64: string) =>
    call<{ message_id: string }>('POST', '/emulator/api/messages', { from, chat_id: chatId, file: { name, base64 } }),
  enter: (from: string) => call<unknown>('POST', '/emulator/api/enter-chat', { from }),
  click: (body: Record<string, unknown>) => call<any>('POST', '/emulator/api/card-actions', body),
  faults: () => call<Record<string, number>>('GET', '/emulator/api/faults'),
  setFaults: (f: Record<string, number>) => call<Record<string, number>>('POST', '/emulator/api/faults', f),
  clock: () => call<{ now: string; real: string }>('GET', '/dev/clock'),
  setClock: (body: Record<string, unknown>) => call<{ now: string }>('POST', '/dev/clock', body),
  jobs: () => call<{ jobs: Job[] }>('GET', '/dev/jobs'),
  runJob: (name: string) => call<any>('POST', `/dev/jobs/${encodeURIComponent(name)}/run`),
  settle: () => call<unknown>('POST', '/dev/settle'),
  /** The bot's start-up state: `phase` is seeding while local mode writes the demo county. */
  health: () => call<{ ready: boolean; phase?: string }>('GET', '/healthz'),
};
