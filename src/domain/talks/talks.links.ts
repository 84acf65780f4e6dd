/**
 * Talks linked to another capability's record (a problem clue's warning talk, 问题线索 › 提醒): the other
 * capability registers a link kind; the talk form carries `<kind>:<id>`, the service asks the link to check
 * (before anything is written; it refuses and audits) and to apply (inside the talk's transaction).
 */
import type { Database } from '../../db/client.js';
import type { TalkDeps } from './talks.service.js';
import type { ValidTalk } from './talks.validation.js';

export interface TalkLinkRef {
  kind: string;
  id: number;
}

export interface TalkLink {
  /** The line shown on the talk form, e.g. '本次谈话为问题线索的警醒谈话（提醒）'. */
  formNote: string;
  /** Throws an AppError (after auditing) when `talkerId` may not record this talk for this record. */
  check(deps: TalkDeps, talkerId: number, id: number, talk: ValidTalk, eventId: string | null): Promise<void>;
  /** Runs in the talk's transaction once the talk row exists. */
  apply(tx: Database, deps: TalkDeps, talkerId: number, id: number, talkId: number): Promise<void>;
}

const links = new Map<string, TalkLink>();

/** Registers (or replaces) a link kind; idempotent. */
export function addTalkLink(kind: string, link: TalkLink): void {
  links.set(kind, link);
}

export function talkLink(kind: string): TalkLink | undefined {
  return links.get(kind);
}

/** Parses the form's `kind:id`; null for anything else. */
export function parseTalkLink(raw: string | undefined): TalkLinkRef | null {
  const m = /^([a-z]{1,20}):(\d{1,9})$/.exec(raw ?? '');
  return m ? { kind: m[1], id: Number(m[2]) } : null;
}
