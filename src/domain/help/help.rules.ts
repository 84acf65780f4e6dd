import type { Role } from '../../db/schema/org.js';
import type { CommandInfo } from '../../feishu/router.types.js';
import { HELP_GROUPS, type HelpEntry, type HelpGroup } from './help.types.js';

export interface HelpSection {
  group: HelpGroup;
  commands: CommandInfo[];
}

export interface HelpView {
  sections: HelpSection[];
  /** Command words for the card's buttons (common commands this user may use), in section order. */
  buttons: string[];
}

/**
 * The commands a user holding `roles` may use, grouped 选/育/管/用/报告/通用. A registered command that no
 * capability declared an entry for is shown to everyone under 通用 (capabilities outside the product list,
 * e.g. in tests); test/domain/help asserts every product command is declared.
 */
export function helpFor(
  roles: readonly Role[],
  commands: readonly CommandInfo[],
  entries: readonly HelpEntry[],
): HelpView {
  const byCommand = new Map(entries.map((e) => [e.command, e]));
  const held = new Set(roles);
  const grouped = new Map<HelpGroup, CommandInfo[]>();
  const buttons: string[] = [];
  for (const c of commands) {
    const entry = byCommand.get(c.words[0]);
    if (entry && !entry.roles.some((r) => held.has(r))) continue;
    const group = entry?.group ?? '通用';
    grouped.set(group, [...(grouped.get(group) ?? []), c]);
  }
  const sections = HELP_GROUPS.filter((g) => grouped.has(g)).map((group) => ({
    group,
    commands: grouped.get(group) ?? [],
  }));
  for (const s of sections) {
    for (const c of s.commands) if (byCommand.get(c.words[0])?.button) buttons.push(c.words[0]);
  }
  return { sections, buttons };
}

/** Whether `command` is a help button this user may press (a forged button value is refused). */
export function mayPress(roles: readonly Role[], command: string, entries: readonly HelpEntry[]): boolean {
  const entry = entries.find((e) => e.command === command);
  return !!entry?.button && entry.roles.some((r) => roles.includes(r));
}
