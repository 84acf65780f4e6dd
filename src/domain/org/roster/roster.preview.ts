/**
 * Preview, then commit (issue 16): an uploaded roster is checked with a dry run and kept server-side (parsed
 * rows, not the file) for its uploader; 确认导入 imports it — checked again in full, all or nothing — at most
 * once, before it expires. The card carries only a random token; any other person's click, a used or expired
 * token, or a forged one is refused and audited.
 */
import { and, eq, isNull, lt } from 'drizzle-orm';
import { stamps } from '../../../db/schema/_columns.js';
import { rosterUploads } from '../../../db/schema/roster.js';
import type { Deps } from '../../../deps.js';
import { forbidden, invalid } from '../../../errors.js';
import { type PlainBook, XlsxBook } from '../../../xlsx/xlsx.book.js';
import { type ActorContext, assertRole } from '../org.access.js';
import { audit } from '../org.audit.js';
import { type ImportReport, importRoster } from './roster.import.js';
import { lrmxSheet } from './roster.lrmx.js';

/** .lrmx files sent singly or in a .zip. */
export interface LrmxUpload {
  lrmx: { name: string; data: Buffer }[];
}

export const PREVIEW_MINUTES = 30;

/** PlainBook ⇄ text, Date cells tagged so they come back as dates. */
export function bookToText(book: PlainBook): string {
  return JSON.stringify(book, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return raw instanceof Date ? { $d: raw.toISOString() } : value;
  });
}

export function bookFromText(text: string): PlainBook {
  return JSON.parse(text, (_k, v) => (v && typeof v === 'object' && typeof v.$d === 'string' ? new Date(v.$d) : v));
}

/** The dry run of an upload; when it is clean, the parsed book is kept and the preview carries a token. */
export async function previewUpload(
  deps: Deps,
  actor: ActorContext,
  source: XlsxBook | LrmxUpload,
  opts: { fileName: string; eventId?: string },
): Promise<{ report: ImportReport; token: string | null }> {
  assertRole(actor, 'org_admin', '只有组织部门可以导入花名册');
  const data = source instanceof XlsxBook ? source : lrmxSheet(source.lrmx);
  if (typeof data === 'string') throw invalid(data);
  const report = await importRoster(deps, data, {
    actor,
    fileName: opts.fileName,
    eventId: opts.eventId,
    dryRun: true,
  });
  if (!report.ok) return { report, token: null };
  const now = deps.clock.now();
  const token = deps.ids.uuid();
  await deps.db.transaction(async (tx) => {
    // One pending roster per uploader: a new upload supersedes the previous preview; expired ones are removed.
    await tx
      .update(rosterUploads)
      .set({ usedAt: now, updatedAt: now })
      .where(and(eq(rosterUploads.uploaderPersonId, actor.personId), isNull(rosterUploads.usedAt)));
    await tx.delete(rosterUploads).where(lt(rosterUploads.expiresAt, now));
    await tx.insert(rosterUploads).values({
      token,
      uploaderPersonId: actor.personId,
      fileName: opts.fileName.slice(0, 200),
      book:
        source instanceof XlsxBook
          ? bookToText({ sheets: source.worksheets.map((w) => w.plain) })
          : JSON.stringify({ lrmx: source.lrmx.map((f) => ({ name: f.name, b64: f.data.toString('base64') })) }),
      expiresAt: new Date(now.getTime() + PREVIEW_MINUTES * 60_000),
      ...stamps(now),
    });
  });
  return { report, token };
}

/** 确认导入: the uploader's own, unused, unexpired preview; imported in one transaction or not at all. */
export async function confirmUpload(
  deps: Deps,
  actor: ActorContext,
  token: string,
  opts: { eventId?: string } = {},
): Promise<ImportReport> {
  const now = deps.clock.now();
  const [row] = await deps.db.select().from(rosterUploads).where(eq(rosterUploads.token, token)).limit(1);
  const refuse = async (reason: string) =>
    audit(deps.db, now, {
      actorPersonId: actor.personId,
      actorOpenId: actor.openId,
      action: 'roster.confirm.denied',
      entity: 'roster',
      entityId: row?.fileName ?? null,
      eventId: opts.eventId,
      detail: { reason },
    });
  if (!row || row.uploaderPersonId !== actor.personId) {
    await refuse(row ? 'not_uploader' : 'unknown_token');
    throw forbidden('只有发送该花名册的本人可以确认导入');
  }
  assertRole(actor, 'org_admin', '只有组织部门可以导入花名册');
  if (row.usedAt) {
    await refuse('used');
    throw invalid('该预览已确认过或已被更新的上传取代，请重新发送花名册');
  }
  if (row.expiresAt <= now) {
    await refuse('expired');
    throw invalid(`预览已超过 ${PREVIEW_MINUTES} 分钟，请重新发送花名册`);
  }
  // Claimed first (a double click imports once); released again if the import is refused.
  const claimed = await deps.db
    .update(rosterUploads)
    .set({ usedAt: now, updatedAt: now })
    .where(and(eq(rosterUploads.id, row.id), isNull(rosterUploads.usedAt)))
    .returning({ id: rosterUploads.id });
  if (claimed.length === 0) throw invalid('该预览已确认过，请勿重复点击');
  const stored = bookFromText(row.book) as PlainBook & { lrmx?: { name: string; b64: string }[] };
  const source = stored.lrmx
    ? lrmxSheet(stored.lrmx.map((f) => ({ name: f.name, data: Buffer.from(f.b64, 'base64') })))
    : new XlsxBook(stored);
  if (typeof source === 'string') throw invalid(source);
  const report = await importRoster(deps, source, {
    actor,
    fileName: row.fileName,
    eventId: opts.eventId,
  });
  if (!report.ok) {
    await deps.db.update(rosterUploads).set({ usedAt: null, updatedAt: now }).where(eq(rosterUploads.id, row.id));
  }
  return report;
}
