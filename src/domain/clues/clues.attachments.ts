/**
 * Evidence attachments 证据附件 of a problem clue. 添加附件 on the clue card arms an "attach to clue #N" intent
 * for ten minutes; the next file that person sends in the private chat is claimed here — checked in this order,
 * each refusal in Chinese and audited, nothing written: intent armed (else the file is not ours and goes on to the
 * importers, undownloaded) → private chat → role, county and open clue → type by name → download → actual size →
 * stored with its audit row in one transaction. Sending an attachment back is a clue view: need-to-know, audited.
 */
import { createHash } from 'node:crypto';
import { today } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { notice } from '../../feishu/cards/atoms.js';
import { enqueue } from '../../feishu/outbox.js';
import { loadActor } from '../org/org.access.js';
import { audit } from '../org/org.audit.js';
import {
  armAttachIntent,
  attachIntentOf,
  attachmentCount,
  attachmentData,
  attachmentOnClue,
  clueById,
  dropAttachIntent,
  insertAttachment,
} from './clues.queries.js';
import {
  ATTACH_INTENT_MINUTES,
  ATTACH_TYPES_TEXT,
  attachNameProblem,
  attachSizeProblem,
  intentArmed,
  intentExpiry,
  localDateTime,
  MAX_ATTACHMENTS_PER_CLUE,
  mayAttach,
  sizeText,
  viewLevel,
} from './clues.rules.js';
import { type ClueDeps, type Meta, rolesFor } from './clues.service.js';

/** Spreadsheets the importers take: with no armed intent (or an expired one) they are not ours. */
const SPREADSHEET = /\.(xlsx|xls|xlsm|xlsb|et|csv|ods|numbers)$/i;

async function denied(
  db: Database,
  at: Date,
  actorId: number,
  action: string,
  clueId: number | null,
  why: object,
  meta: Meta,
) {
  await audit(db, at, {
    actorPersonId: actorId,
    action: `clue.${action}.denied`,
    entity: 'clue',
    entityId: clueId,
    eventId: meta.eventId,
    detail: why,
  });
}

/** Whether the actor may attach to this clue now, from the database (role, county, reporter, step). */
async function attachCheck(deps: ClueDeps, actorId: number, clueId: number) {
  const clue = await clueById(deps.db, clueId);
  if (!clue) return { clue: null, decision: { ok: false as const, why: '未找到该问题线索' } };
  const actor = await loadActor(deps.db, actorId, today(deps));
  const roles = await rolesFor(deps.db, actor, clue);
  return { clue, decision: mayAttach(roles, clue.step, clue.reporterPersonId === actorId) };
}

/** 添加附件: arms the actor's intent for ATTACH_INTENT_MINUTES and tells them, in the private chat, what to send. */
export async function armAttachment(
  deps: ClueDeps,
  actor: { personId: number; openId: string },
  clueId: number,
  meta: Meta,
): Promise<void> {
  const at = deps.clock.now();
  const { clue, decision } = await attachCheck(deps, actor.personId, clueId);
  if (!decision.ok) {
    await denied(deps.db, at, actor.personId, 'attach', clueId, { reason: clue ? 'role_or_step' : 'not_found' }, meta);
    throw forbidden(decision.why);
  }
  const expires = intentExpiry(at);
  const maxMb = deps.config.clues.attachmentMaxMb;
  await deps.db.transaction(async (tx) => {
    await armAttachIntent(tx, actor.personId, clueId, at, expires);
    await audit(tx, at, {
      actorPersonId: actor.personId,
      action: 'clue.attach.arm',
      entity: 'clue',
      entityId: clueId,
      eventId: meta.eventId,
    });
    await enqueue(tx, {
      kind: 'send',
      to: { openId: actor.openId },
      card: notice(
        `请发送问题线索 #${clueId} 的证据附件`,
        `请在 **${localDateTime(expires, deps.config.timezone).slice(11)}** 前（${ATTACH_INTENT_MINUTES} 分钟内）在本私聊中发送文件，` +
          `您发送的下一个文件将作为该线索的证据附件保存。\n支持 ${ATTACH_TYPES_TEXT}，单个文件不超过 ${maxMb} MB。`,
        'orange',
      ),
    });
  });
}

export interface IncomingFile {
  personId: number;
  openId: string;
  chatType: 'p2p' | 'group';
  fileName: string;
  download(): Promise<Buffer>;
}

export type Received = { taken: false } | { taken: true; clueId: number; fileName: string; size: string };

/**
 * A file sent to the bot: taken as an attachment only when its sender armed an intent. Returns `taken: false`
 * (nothing downloaded) when it is not ours; throws a Chinese AppError (audited, nothing stored) when refused.
 */
export async function receiveAttachment(deps: ClueDeps, f: IncomingFile, meta: Meta): Promise<Received> {
  const intent = await attachIntentOf(deps.db, f.personId);
  if (!intent) return { taken: false };
  const at = deps.clock.now();
  const refuse = async (reason: string, message: string, opts: { drop?: boolean; forbid?: boolean } = {}) => {
    if (opts.drop) await dropAttachIntent(deps.db, f.personId, intent.armedAt);
    await denied(deps.db, at, f.personId, 'attach', intent.clueId, { reason, file: f.fileName.slice(0, 200) }, meta);
    return opts.forbid ? forbidden(message) : invalid(message);
  };
  if (!intentArmed(intent.expiresAt, at)) {
    // A spreadsheet after the window is most likely an import: let the importers have it.
    if (SPREADSHEET.test(f.fileName)) {
      await dropAttachIntent(deps.db, f.personId, intent.armedAt);
      return { taken: false };
    }
    throw await refuse(
      'expired',
      `添加附件已超过 ${ATTACH_INTENT_MINUTES} 分钟，文件未保存。请在线索卡片上重新点击「添加附件」后再发送。`,
      { drop: true },
    );
  }
  if (f.chatType !== 'p2p') throw await refuse('group_chat', '证据附件含敏感信息，请在与青苗的私聊中发送。');
  const { clue, decision } = await attachCheck(deps, f.personId, intent.clueId);
  if (!decision.ok) throw await refuse(clue ? 'role_or_step' : 'not_found', decision.why, { drop: true, forbid: true });
  if ((await attachmentCount(deps.db, intent.clueId)) >= MAX_ATTACHMENTS_PER_CLUE)
    throw await refuse('too_many', `该线索的附件已达 ${MAX_ATTACHMENTS_PER_CLUE} 个上限，文件未保存。`, { drop: true });
  const nameProblem = attachNameProblem(f.fileName);
  if (nameProblem)
    throw await refuse('type', `${nameProblem}。文件未保存，可在 ${ATTACH_INTENT_MINUTES} 分钟内重新发送。`);
  const maxMb = deps.config.clues.attachmentMaxMb;
  const data = await f.download();
  const sizeProblem = attachSizeProblem(data.length, maxMb);
  if (sizeProblem) throw await refuse('size', `${sizeProblem}。文件未保存。`);
  const fileName = f.fileName.trim();
  const sha256 = createHash('sha256').update(data).digest('hex');
  await deps.db.transaction(async (tx) => {
    if (!(await dropAttachIntent(tx, f.personId, intent.armedAt)))
      throw invalid('该附件请求已使用，如需继续添加请在线索卡片上重新点击「添加附件」');
    const id = await insertAttachment(tx, {
      clueId: intent.clueId,
      fileName,
      sizeBytes: data.length,
      sha256,
      uploadedByPersonId: f.personId,
      uploadedAt: at,
      dataBase64: data.toString('base64'),
    });
    await audit(tx, at, {
      actorPersonId: f.personId,
      action: 'clue.attach',
      entity: 'clue',
      entityId: intent.clueId,
      eventId: meta.eventId,
      detail: { attachmentId: id, size: data.length, sha256 },
    });
  });
  return { taken: true, clueId: intent.clueId, fileName, size: sizeText(data.length) };
}

/**
 * 发送附件: the attachment to the viewer's private chat, through the outbox. Only details-level viewers (org_admin,
 * the county's discipline liaison); the check comes before the bytes are read; views and refusals audited.
 */
export async function sendAttachment(
  deps: ClueDeps,
  viewer: { personId: number; openId: string },
  clueId: number,
  attachmentId: number,
  meta: Meta,
): Promise<string> {
  const at = deps.clock.now();
  const clue = await clueById(deps.db, clueId);
  const actor = await loadActor(deps.db, viewer.personId, today(deps));
  const level = clue ? viewLevel(await rolesFor(deps.db, actor, clue), clue.step) : 'none';
  if (!clue || level !== 'details') {
    await denied(deps.db, at, viewer.personId, 'attachment', clueId, { reason: 'need_to_know', attachmentId }, meta);
    throw forbidden('您无权查看该问题线索的附件');
  }
  if (!(await attachmentOnClue(deps.db, clueId, attachmentId))) {
    await denied(deps.db, at, viewer.personId, 'attachment', clueId, { reason: 'not_found', attachmentId }, meta);
    throw notFound('未找到该附件');
  }
  const file = (await attachmentData(deps.db, clueId, attachmentId))!;
  await deps.db.transaction(async (tx) => {
    await audit(tx, at, {
      actorPersonId: viewer.personId,
      action: 'clue.attachment.view',
      entity: 'clue',
      entityId: clueId,
      eventId: meta.eventId,
      detail: { attachmentId },
    });
    await enqueue(tx, {
      kind: 'file',
      to: { openId: viewer.openId },
      fileName: file.fileName,
      data: Buffer.from(file.dataBase64, 'base64'),
    });
  });
  return file.fileName;
}
