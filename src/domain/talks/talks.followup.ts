/**
 * Cards that keep up: a talk recorded through a form opened from a reminder or 待办 card marks that cadre's
 * row on the original card "已谈 ✓ MM-DD" (a patch through the outbox). The original message is never taken
 * from a card value: talks.open stores the clicked message (Feishu's callback context) as the form's outbox
 * `ref`, and the submit looks the form up by its own message id and the submitter's open_id.
 */
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { outbox } from '../../db/schema/transport.js';
import type { Deps } from '../../deps.js';
import type { Card, Element } from '../../feishu/cards/atoms.js';
import { md } from '../../feishu/cards/atoms.js';
import { enqueue } from '../../feishu/outbox.js';

const SOURCE = 'talks.src:';

/** The outbox `ref` of a talk form opened from the card `messageId`. */
export const formSourceRef = (messageId: string | undefined) =>
  messageId ? `${SOURCE}${messageId.slice(0, 100)}` : undefined;

/** Pure: the card with the 记录谈话 button of `cadreId` replaced by "已谈 ✓ MM-DD"; null when no such row. */
export function markTalked(c: Card, cadreId: number, date: string): Card | null {
  let found = false;
  const visit = (el: any): any => {
    if (Array.isArray(el)) return el.map(visit);
    if (!el || typeof el !== 'object') return el;
    if (el.tag === 'column' && Array.isArray(el.elements)) {
      const opens = el.elements.some(
        (x: any) => x?.tag === 'button' && x.value?.a === 'talks.open' && x.value?.c === cadreId,
      );
      if (opens) {
        found = true;
        const done: Element = md(`<font color="green">已谈 ✓ ${date.slice(5, 10)}</font>`);
        return { ...el, elements: [done] };
      }
    }
    const out: any = {};
    for (const [k, v] of Object.entries(el)) out[k] = visit(v);
    return out;
  };
  const next = visit(c) as Card;
  return found ? next : null;
}

/** After a talk with `cadreId` on `date` was recorded from the form message `formMessageId`: patch its source card. */
export async function updateSourceCard(
  deps: Pick<Deps, 'db' | 'outboxWake'>,
  at: { formMessageId: string | undefined; openId: string; cadreId: number; date: string },
): Promise<boolean> {
  if (!at.formMessageId) return false;
  const [form] = await deps.db
    .select({ ref: outbox.ref })
    .from(outbox)
    .where(and(eq(outbox.messageId, at.formMessageId), eq(outbox.kind, 'send'), eq(outbox.target, at.openId)))
    .limit(1);
  if (!form?.ref?.startsWith(SOURCE)) return false;
  const source = form.ref.slice(SOURCE.length);
  // The card as last sent: the original message, or the newest patch of it.
  const [latest] = await deps.db
    .select({ content: outbox.content })
    .from(outbox)
    .where(
      or(
        and(eq(outbox.messageId, source), inArray(outbox.kind, ['send', 'reply'])),
        and(eq(outbox.target, source), eq(outbox.kind, 'patch')),
      ),
    )
    .orderBy(desc(outbox.id))
    .limit(1);
  if (!latest) return false;
  const next = markTalked(latest.content as Card, at.cadreId, at.date);
  if (!next) return false;
  await enqueue(deps.db, { kind: 'patch', messageId: source, card: next });
  deps.outboxWake();
  return true;
}
