import type { Role } from '../../db/schema/org.js';

/** The help card's sections, in the order of the work: 选育管用, the report, then general commands. */
export const HELP_GROUPS = ['选', '育', '管', '用', '报告', '通用'] as const;
export type HelpGroup = (typeof HELP_GROUPS)[number];

/**
 * One command as the help card shows it, declared by the capability that registers the command
 * (`Capability.help`), so the card never drifts from the router. The text is the router's own help line.
 */
export interface HelpEntry {
  /** The command's first word, as registered with `router.command`. */
  command: string;
  group: HelpGroup;
  /** Roles (from grants or derived from posts, see org.access.ts `loadActor`) that may use the command. */
  roles: readonly Role[];
  /** A button on the help card that runs the command (common commands only). */
  button?: boolean;
}

/** Every role: commands anyone registered may use. */
export const ANY_ROLE: readonly Role[] = [
  'org_admin',
  'county_leader',
  'unit_main_leader',
  'unit_deputy_leader',
  'unit_party_org',
  'domain_dept',
  'discipline_liaison',
  'cadre',
];
/** Leaders who hold talks and see their units' cadres. */
export const LEADER_ROLES: readonly Role[] = ['county_leader', 'unit_main_leader', 'unit_deputy_leader'];
