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
}
