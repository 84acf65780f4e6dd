import { validateCard } from '../card.validate.js';
import type { Emulator } from '../emulator.js';
import type { StoredMessage } from '../store.js';
import { Codes, FeishuError, fieldError } from './errors.js';

const MAX_TEXT_BYTES = 150 * 1024;
const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a message body the way Feishu does and returns the parsed content. */
export function parseContent(emu: Emulator, msgType: unknown, content: unknown): { msgType: string; content: unknown } {
  if (typeof msgType !== 'string' || !msgType) throw fieldError('msg_type', msgType, 'msg_type is required');
  if (typeof content !== 'string' || !content) throw fieldError('content', content, 'content must be a JSON string');
  if (msgType === 'interactive') {
    const problem = validateCard(content);
    if (problem) {
      emu.reject(problem.code);
      throw new FeishuError(problem.code, problem.msg);
    }
    return { msgType, content: JSON.parse(content) };
  }
  if (Buffer.byteLength(content) > MAX_TEXT_BYTES)
    throw new FeishuError(Codes.contentTooLong, 'The length of the message content reaches its limit.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw new FeishuError(
      Codes.invalidParam,
      'Your request contains an invalid request parameter: content is not JSON.',
    );
  }
  if (!isObj(parsed)) throw new FeishuError(Codes.invalidParam, 'content must be a JSON object');
  if (msgType === 'text' && typeof parsed.text !== 'string')
    throw new FeishuError(Codes.invalidParam, 'text content needs a "text" string');
  if (msgType === 'file' && !emu.store.file(String(parsed.file_key ?? '')))
    throw new FeishuError(Codes.invalidParam, 'file_key not found: upload the file with im/v1/files first');
  if (!['text', 'post', 'file'].includes(msgType))
    throw new FeishuError(Codes.invalidParam, `msg_type ${msgType} is not supported by the emulator`);
  if (msgType === 'file') parsed.file_name = emu.store.file(String(parsed.file_key))!.name;
  return { msgType, content: parsed };
}

export function checkUuid(uuid: unknown): string | undefined {
  if (uuid === undefined || uuid === null || uuid === '') return undefined;
  if (typeof uuid !== 'string' || uuid.length > 50)
    throw fieldError('uuid', uuid, 'uuid is a string of at most 50 characters');
  return uuid;
}

/** The message object Feishu's create/reply answer with. */
export function messageData(emu: Emulator, m: StoredMessage) {
  const sender =
    m.sender.sender_type === 'app'
      ? { id: m.sender.id, id_type: 'app_id', sender_type: 'app', tenant_key: emu.tenantKey }
      : { id: m.sender.id, id_type: 'open_id', sender_type: 'user', tenant_key: emu.tenantKey };
  return {
    message_id: m.message_id,
    root_id: m.parent_id ?? '',
    parent_id: m.parent_id ?? '',
    msg_type: m.msg_type,
    create_time: String(m.create_time),
    update_time: String(m.create_time),
    deleted: false,
    updated: m.patches.length > 0,
    chat_id: m.chat_id,
    sender,
    body: { content: JSON.stringify(m.content) },
  };
}
