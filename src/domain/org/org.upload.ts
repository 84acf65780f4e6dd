import type { Deps } from '../../deps.js';
import { notice } from '../../feishu/cards/atoms.js';
import type { FileCtx } from '../../feishu/router.js';
import { type ActorContext, hasRole, loadActor } from './org.access.js';
import { audit } from './org.audit.js';
import { scopeOn } from './org.profile.js';

/** An xlsx of personal or organisational data sent to the bot, as its import names it. */
export interface UploadKind {
  /** Chinese name shown to the user, e.g. 花名册, 组织架构. */
  label: string;
  /** Audit entity, e.g. 'roster'; a refusal is audited as '<entity>.import.denied'. */
  entity: string;
}

/**
 * The gate every org_admin upload passes (花名册, 组织架构): private chat only, org_admin only, a refusal
 * audited. Returns the actor, or null after answering the sender politely.
 */
export async function adminUpload(deps: Deps, ctx: FileCtx, kind: UploadKind): Promise<ActorContext | null> {
  if (ctx.chatType !== 'p2p') {
    await ctx.reply(notice('请在私聊中发送', `${kind.label}含个人信息，请在与青苗的私聊中发送。`, 'orange'));
    return null;
  }
  const actor = await loadActor(deps.db, ctx.actor.personId, scopeOn(deps).onDate);
  if (hasRole(actor, 'org_admin')) return actor;
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actor.personId,
    actorOpenId: actor.openId,
    action: `${kind.entity}.import.denied`,
    entity: kind.entity,
    entityId: ctx.fileName,
    eventId: ctx.eventId,
  });
  await ctx.reply(notice('无法导入', `${kind.label}只能由组织部门导入。如需更新您的信息，请联系组织部门。`, 'grey'));
  return null;
}
