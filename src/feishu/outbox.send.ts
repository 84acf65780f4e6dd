import type { outbox } from '../db/schema/transport.js';
import type { LarkClient } from './client.js';
import { FeishuApiError } from './outbox.errors.js';

export type OutboxRow = typeof outbox.$inferSelect;
type ReceiveIdType = 'open_id' | 'user_id' | 'chat_id' | 'email' | 'union_id';
type FileType = 'opus' | 'mp4' | 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream';

/** Whose rate limit a row counts against: the chat it lands in (sends, files, replies), or the patched message. */
export function rateKey(row: Pick<OutboxRow, 'kind' | 'target' | 'receiver'>): string {
  if (row.receiver) return row.receiver;
  return row.kind === 'send' || row.kind === 'file' ? `to:${row.target}` : `msg:${row.target}`;
}

function check<T extends { code?: number; msg?: string; data?: any }>(res: T): T {
  if (res.code !== undefined && res.code !== 0) throw new FeishuApiError(res.code, res.msg ?? '');
  return res;
}

/**
 * Sends one outbox row through the real SDK; resolves to the Feishu message_id.
 * The row's uuid goes with every create/reply, so Feishu drops a resend of a row it already has.
 */
export async function deliver(lark: LarkClient, row: OutboxRow): Promise<string | null> {
  const content = JSON.stringify(row.content);
  switch (row.kind) {
    case 'send': {
      const res = await lark.im.message.create({
        params: { receive_id_type: (row.receiveIdType ?? 'open_id') as ReceiveIdType },
        data: { receive_id: row.target, msg_type: row.msgType, content, uuid: row.uuid },
      });
      return check(res).data?.message_id ?? null;
    }
    case 'reply': {
      const res = await lark.im.message.reply({
        path: { message_id: row.target },
        data: { msg_type: row.msgType, content, uuid: row.uuid },
      });
      return check(res).data?.message_id ?? null;
    }
    case 'patch': {
      check(await lark.im.message.patch({ path: { message_id: row.target }, data: { content } }));
      return row.target;
    }
    case 'file':
      return sendFile(lark, row);
  }
}

async function sendFile(lark: LarkClient, row: OutboxRow): Promise<string | null> {
  const fileName = row.fileName ?? 'file';
  const uploaded = await lark.im.file.create({
    data: { file_type: fileType(fileName), file_name: fileName, file: Buffer.from(row.fileBase64 ?? '', 'base64') },
  });
  // The SDK returns only `data` for uploads: no file_key means Feishu said no without throwing.
  if (!uploaded?.file_key) throw new FeishuApiError(-1, 'file upload returned no file_key');
  const res = await lark.im.message.create({
    params: { receive_id_type: (row.receiveIdType ?? 'open_id') as ReceiveIdType },
    data: {
      receive_id: row.target,
      msg_type: 'file',
      content: JSON.stringify({ file_key: uploaded.file_key }),
      uuid: row.uuid,
    },
  });
  return check(res).data?.message_id ?? null;
}

/**
 * 应用内加急 of a message the bot sent, for one private-chat receiver. Feishu refuses with 230023 (the receiver has
 * 200 unread urgent messages), 230024 (the tenant's urgent quota), 230012 (not the bot's message), 230027
 * (permission im:message.urgent missing); a receiver it does not accept comes back in invalid_user_id_list.
 */
export async function urgentApp(lark: LarkClient, messageId: string, openId: string): Promise<void> {
  const res = check(
    await lark.im.message.urgentApp({
      path: { message_id: messageId },
      params: { user_id_type: 'open_id' },
      data: { user_id_list: [openId] },
    }),
  );
  if (res.data?.invalid_user_id_list?.length) throw new FeishuApiError(230001, 'urgent receiver not accepted');
}

/** Feishu's upload `file_type` from the file name. */
export function fileType(name: string): FileType {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'xls' || ext === 'xlsx') return 'xls';
  if (ext === 'doc' || ext === 'docx') return 'doc';
  if (ext === 'ppt' || ext === 'pptx') return 'ppt';
  if (ext === 'pdf' || ext === 'mp4' || ext === 'opus') return ext;
  return 'stream';
}
