import { importAssessmentsCommand } from '../domain/assessments/assessments.cli.js';
import { orgCommands } from '../domain/org/org.cli.js';
import { structureCommands } from '../domain/org/structure/structure.cli.js';
import { exportPoolCommand } from '../domain/pool/pool.cli.js';
import type { CliCommand } from './command.js';
import { jobHistory, jobList, jobRun } from './job.commands.js';
import { migrate } from './migrate.command.js';
import { seedDemoCommand } from './seed-demo.command.js';

/**
 * Every CLI command (`npm run cli -- <command>`); `help` is built in. Adding one is one line here:
 * export a `defineCommand({ name, description, positionals, options, run })` from your capability
 * (e.g. src/domain/org/org.cli.ts) and list it below.
 */
export const commands: CliCommand[] = [
  migrate,
  jobList,
  jobRun,
  jobHistory,
  seedDemoCommand,
  ...orgCommands,
  ...structureCommands,
  importAssessmentsCommand,
  exportPoolCommand,
];
