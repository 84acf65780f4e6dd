import type { FastifyInstance } from 'fastify';
import type { Deps } from './deps.js';
import type { HelpEntry } from './domain/help/help.types.js';
import type { DigestSection, ReportPart, ReportPeriod, ReportScope } from './domain/reports/reports.types.js';
import type { Router } from './feishu/router.js';
import type { Job } from './jobs/job.js';

/** What the demo county generator is asked for (`seed-demo`, and `npm start` on an empty database). */
export interface DemoOptions {
  /** Counties to generate (示范县, 示范2县 …); each step's doc says what it does with more than one. */
  scale: number;
  /** Generator seed (absent: the org generator's default); the same seed and date give the same data. */
  seed?: number;
}

/** One registration unit per capability (grammY's Composer): listeners, jobs, and optional HTTP routes. */
export interface Capability {
  name: string;
  register?(router: Router, deps: Deps): void;
  /** The commands this capability registers, with the roles that may use them, for the 帮助 card. */
  help?: HelpEntry[];
  jobs?(deps: Deps): Job[];
  routes?(app: FastifyInstance, deps: Deps): void;
  /**
   * Adds this capability's part of the demo county. All steps run in capability order in one transaction
   * (src/demo.ts), so each sees what the earlier ones wrote. Returns Chinese summary lines.
   */
  seedDemo?(deps: Deps, opts: DemoOptions): Promise<string[]>;
  /**
   * This capability's parts of the 工作进展汇报 (src/domain/reports/reports.types.ts) for a period and scope.
   * Set-based queries only: it runs for a 100k-cadre county.
   */
  report?(deps: Deps, period: ReportPeriod, scope: ReportScope): Promise<ReportPart[]>;
  /**
   * This capability's block of the leaders' group county digest for the week ending `today` ('YYYY-MM-DD'):
   * counts only, no personal data. Null when there is nothing to say.
   */
  digest?(deps: Deps, today: string): Promise<DigestSection | null>;
  /** Runs once after the server listens, after the demo seeding (e.g. binding accounts). */
  onStart?(deps: Deps): Promise<void>;
}
