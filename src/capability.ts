import type { FastifyInstance } from 'fastify';
import type { Deps } from './deps.js';
import type { Router } from './feishu/router.js';
import type { Job } from './jobs/job.js';

/** One registration unit per capability (grammY's Composer): listeners, jobs, and optional HTTP routes. */
export interface Capability {
  name: string;
  register?(router: Router, deps: Deps): void;
  jobs?(deps: Deps): Job[];
  routes?(app: FastifyInstance, deps: Deps): void;
  /** Runs once after the server listens (e.g. seeding an empty database, binding accounts). */
  onStart?(deps: Deps): Promise<void>;
}
