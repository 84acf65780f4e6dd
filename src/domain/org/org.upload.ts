/**
 * The one door for spreadsheets sent to the bot. In this order, each refusal answered in Chinese and audited:
 * private chat → org_admin (before anything is downloaded) → download → file size and zip directory (no
 * decompression) → streamed parse in a worker thread (rows, columns, memory, time) → which import it is.
 * Capabilities add their import with `addXlsxImport`; the first one installs the door on that router.
 */
import type { Deps } from '../../deps.js';
import { isAppError } from '../../errors.js';
import { notice } from '../../feishu/cards/atoms.js';
import { enqueue } from '../../feishu/outbox.js';
import type { FileCtx, Router } from '../../feishu/router.js';
import type { XlsxBook } from '../../xlsx/xlsx.book.js';
import { type ProblemRow, problemsWorkbook } from '../../xlsx/xlsx.errors.js';
import { uploadLimits } from '../../xlsx/xlsx.limits.js';
import { readXlsx } from '../../xlsx/xlsx.read.js';
import { type ActorContext, hasRole, loadActor } from './org.access.js';
import { audit } from './org.audit.js';
import { scopeOn } from './org.profile.js';

/** An import of a kind of workbook (花名册, 组织架构, 考核结果, 结对帮带). */
export interface XlsxImport {
  /** Chinese name shown to the user. */
  label: string;
  /** Audit entity, e.g. 'roster'. */
  entity: string;
  recognise(book: XlsxBook): boolean;
  /** Imports and answers the sender; an AppError becomes a red "<label>未导入" card. */
  run(ctx: FileCtx, book: XlsxBook, actor: ActorContext): Promise<void>;
}

const OTHER_SPREADSHEET = /\.(xls|xlsm|xlsb|et|csv|ods|numbers)$/i;
const importsOf = new WeakMap<Router, XlsxImport[]>();

export function addXlsxImport(router: Router, deps: Deps, kind: XlsxImport): void {
  let kinds = importsOf.get(router);
  if (!kinds) {
    const list: XlsxImport[] = [];
    kinds = list;
    importsOf.set(router, list);
    router.file((ctx) => onSpreadsheet(deps, ctx, list));
  }
  kinds.push(kind);
}

/** Problems a result card shows at most; the full list then follows as an xlsx file. */
export const SHOWN_PROBLEMS = 30;

/**
 * Sends the sender the whole problem list as a workbook when the card cannot show it all (Feishu refuses
 * cards over 30 KB, so an import with thousands of bad rows would otherwise go unanswered).
 */
export async function sendProblemList(deps: Deps, ctx: FileCtx, problems: ProblemRow[]): Promise<boolean> {
  if (problems.length <= SHOWN_PROBLEMS) return false;
  const base = ctx.fileName.replace(/\.xlsx$/i, '').slice(0, 60);
  const data = await problemsWorkbook(problems);
  await enqueue(deps.db, { kind: 'file', to: { openId: ctx.actor.openId }, fileName: `${base}_问题清单.xlsx`, data });
  deps.outboxWake();
  return true;
}

async function refuse(deps: Deps, ctx: FileCtx, reason: string, text: string, title = '无法导入') {
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: ctx.actor.personId,
    actorOpenId: ctx.actor.openId,
    action: 'upload.denied',
    entity: 'upload',
    entityId: ctx.fileName.slice(0, 200),
    eventId: ctx.eventId,
    detail: { reason },
  });
  await ctx.reply(notice(title, text, reason === 'not_org_admin' ? 'grey' : 'red'));
  return true;
}

async function onSpreadsheet(deps: Deps, ctx: FileCtx, kinds: XlsxImport[]): Promise<boolean> {
  const isXlsx = /\.xlsx$/i.test(ctx.fileName);
  if (!isXlsx && !OTHER_SPREADSHEET.test(ctx.fileName)) return false;
  if (ctx.chatType !== 'p2p') {
    return refuse(deps, ctx, 'group_chat', '表格含个人信息，请在与青苗的私聊中发送。', '请在私聊中发送');
  }
  const actor = await loadActor(deps.db, ctx.actor.personId, scopeOn(deps).onDate);
  if (!hasRole(actor, 'org_admin')) {
    return refuse(deps, ctx, 'not_org_admin', '表格只能由组织部门导入。如需更新您的信息，请联系组织部门。');
  }
  if (!isXlsx)
    return refuse(deps, ctx, 'not_xlsx', '只能导入 Excel .xlsx 文件，请在 Excel 或 WPS 中另存为 .xlsx 后再发送。');
  let book: XlsxBook;
  try {
    book = await readXlsx(await ctx.download(), uploadLimits(deps.config.uploads));
  } catch (err) {
    if (!isAppError(err)) {
      deps.log.warn({ err, eventId: ctx.eventId }, 'upload could not be read');
      return refuse(deps, ctx, 'download_failed', '文件下载失败，请稍后重新发送。');
    }
    return refuse(deps, ctx, 'unreadable', err.message);
  }
  const kind = kinds.find((k) => k.recognise(book));
  if (!kind) {
    const names = kinds.map((k) => k.label).join('、');
    return refuse(
      deps,
      ctx,
      'unrecognised',
      `未能识别该表格的内容。可导入的表格：${names}。请按模板的表头填写（发送「导出 花名册」可获取带表头的模板）。`,
    );
  }
  try {
    await kind.run(ctx, book, actor);
  } catch (err) {
    if (!isAppError(err)) throw err;
    await ctx.reply(notice(`${kind.label}未导入`, err.message, 'red'));
  }
  return true;
}
