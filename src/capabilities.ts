import type { Capability } from './capability.js';
import { assessmentsCapability } from './domain/assessments/assessments.handlers.js';
import { chats } from './domain/chats/chats.handlers.js';
import { clueAttachmentsCapability, cluesCapability } from './domain/clues/clues.handlers.js';
import { dispatchesCapability } from './domain/dispatches/dispatches.handlers.js';
import { helpCapability } from './domain/help/help.handlers.js';
import { ledgerCapability, ledgerImportCapability } from './domain/ledger/ledger.handlers.js';
import { mentoringCapability } from './domain/mentoring/mentoring.handlers.js';
import { observationsCapability } from './domain/observations/observations.handlers.js';
import { org } from './domain/org/org.handlers.js';
import { poolCapability } from './domain/pool/pool.handlers.js';
import { recommendationsCapability } from './domain/recommendations/recommendations.handlers.js';
import { reportsCapability } from './domain/reports/reports.handlers.js';
import { system } from './domain/system/system.jobs.js';
import { talksCapability } from './domain/talks/talks.handlers.js';
import { trainingCapability, trainingImportCapability } from './domain/training/training.handlers.js';
import { useCapability, useImportsCapability } from './domain/use/use.handlers.js';
import { outboxHousekeeping } from './feishu/outbox.jobs.js';

/** Every capability of the bot, installed in this order. Adding one is one line here. */
export const capabilities: Capability[] = [
  helpCapability(() => capabilities),
  // First of the file handlers: a file sent after 添加附件 on a clue card is that clue's evidence attachment;
  // without an armed intent it declines undownloaded and the xlsx importers below see the file.
  clueAttachmentsCapability,
  // Before org: its roster import claims any sheet with 姓名 + 单位; assessment sheets are recognised first.
  assessmentsCapability,
  // Before org too: the 跟踪考核台账 sheet (重点任务 + 姓名 + 评价); its views and demo come with ledgerCapability.
  ledgerImportCapability,
  // Before org too: 提拔/职级晋升 sheets (姓名 + 类别 + 新职务 + 文号) are recognised before the roster's.
  useImportsCapability,
  // Before org too: 培训考勤 sheets (班次 + 课程 + 出勤); its views and demo come with trainingCapability.
  trainingImportCapability,
  org,
  // Right after org: the demo pool must exist before the talks demo derives county leaders' pool cadres.
  recommendationsCapability,
  poolCapability,
  system,
  chats,
  outboxHousekeeping,
  observationsCapability,
  // After pool: the demo talk history (seedDemo step) needs the demo pool for county leaders' talks.
  talksCapability,
  mentoringCapability,
  // After talks (the warning talk links to a clue) and pool (holds, proposals): 管 › 问题线索.
  cluesCapability,
  ledgerCapability,
  useCapability,
  // After talks/mentoring: the demo dispatch history uses the demo county; its xlsx sniff (选派类别 + 批次) is its own.
  dispatchesCapability,
  // After dispatches: 育 › 教育培训 (an 实验班 of the demo county's young cadres, courses and attendance).
  trainingCapability,
  // Last: the 工作进展汇报 asks every capability above (this very list) for its parts and digest blocks.
  reportsCapability(() => capabilities),
];
