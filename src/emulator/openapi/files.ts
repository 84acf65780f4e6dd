import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../emulator.js';
import { Codes, FeishuError, fieldError } from './errors.js';
import type { Multipart } from './multipart.js';

const FILE_TYPES = ['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream'];
const MAX_FILE_BYTES = 30 * 1024 * 1024;

/** im/v1/files upload and message resources (the files users send, downloaded by the bot). */
export function registerFiles(scope: FastifyInstance, emu: Emulator): void {
  scope.post('/im/v1/files', async (req) => {
    const body = req.body as Multipart | undefined;
    if (!body?.parts) throw fieldError('file', undefined, 'multipart/form-data with a file is required');
    const { file_type, file_name } = body.fields;
    const file = body.parts.file;
    if (!FILE_TYPES.includes(file_type))
      throw fieldError('file_type', file_type, `file_type options: [${FILE_TYPES.join(',')}]`);
    if (!file_name) throw fieldError('file_name', file_name, 'file_name is required');
    if (!file) throw fieldError('file', undefined, 'file is required');
    if (file.data.length === 0) throw new FeishuError(Codes.fileEmpty, 'The file is empty.');
    if (file.data.length > MAX_FILE_BYTES) throw new FeishuError(Codes.fileTooLarge, 'The file exceeds 30 MB.');
    const stored = emu.store.putFile(file_name, file_type, file.data);
    return { code: 0, msg: 'success', data: { file_key: stored.file_key } };
  });

  scope.get('/im/v1/messages/:message_id/resources/:file_key', async (req, reply) => {
    const { message_id, file_key } = req.params as { message_id: string; file_key: string };
    const msg = emu.store.get(message_id);
    if (!msg) throw new FeishuError(Codes.messageNotFound, 'The message is not found or has been recalled.');
    const key = (msg.content as { file_key?: string } | null)?.file_key;
    const file = key === file_key ? emu.store.file(file_key) : undefined;
    if (!file) throw new FeishuError(Codes.fileNotInMessage, 'File not in msg.');
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .send(file.data);
  });
}
