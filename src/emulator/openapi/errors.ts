import type { FastifyReply } from 'fastify';
import { newLogId } from '../ids.js';

/**
 * Feishu-shaped failures: `{code, msg, error:{log_id}}`. Business errors come with HTTP 400 (as Feishu
 * does: the SDK then throws an AxiosError carrying the body); rate limits with 429.
 * Codes used by the emulator (docs/emulator.md lists them):
 */
export const Codes = {
  fieldValidation: 99992402,
  invalidParam: 230001,
  botNotInChat: 230002,
  noAvailability: 230013,
  contentTooLong: 230025,
  cardInvalid: 230099,
  messageNotFound: 230011,
  notCard: 230031,
  fileNotInMessage: 234003,
  fileEmpty: 234010,
  fileTooLarge: 234006,
  tokenMissing: 99991661,
  tokenInvalid: 99991663,
  appSecretInvalid: 10014,
  userNotFound: 41050,
  cardTokenInvalid: 200830,
  notMessageSender: 230012,
  tooManyUrgent: 230023,
  rateLimited: 99991400,
  internal: 2200,
} as const;

export class FeishuError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus = 400,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const fieldError = (field: string, value: unknown, description: string) =>
  new FeishuError(Codes.fieldValidation, 'field validation failed', 400, {
    field_violations: [{ field, value: value === undefined ? '' : String(value), description }],
  });

export function sendFeishuError(reply: FastifyReply, e: FeishuError): FastifyReply {
  return reply.status(e.httpStatus).send({ code: e.code, msg: e.message, error: { log_id: newLogId(), ...e.extra } });
}

export function sendRateLimited(reply: FastifyReply, limit: number, resetSeconds: number): FastifyReply {
  return reply
    .status(429)
    .header('x-ogw-ratelimit-limit', String(limit))
    .header('x-ogw-ratelimit-reset', String(resetSeconds))
    .send({ code: Codes.rateLimited, msg: 'request trigger frequency limit', error: { log_id: newLogId() } });
}
