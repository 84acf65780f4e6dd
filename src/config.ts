import { z } from 'zod';
import { isIsoDate } from './time.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const workdays = z.coerce
  .number({ message: '须为 0–60 的整数（工作日）' })
  .int('须为整数（工作日）')
  .min(0, '不能小于 0')
  .max(60, '不能大于 60');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: optionalString,
  DATA_DIR: z.string().default('./data'),
  FEISHU_MODE: z.enum(['webhook', 'ws', 'emulator']).optional(),
  FEISHU_APP_ID: optionalString,
  FEISHU_APP_SECRET: optionalString,
  FEISHU_ENCRYPT_KEY: optionalString,
  FEISHU_VERIFICATION_TOKEN: optionalString,
  FEISHU_DOMAIN: z.string().url().default('https://open.feishu.cn'),
  TIMEZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'not a known IANA timezone (e.g. Asia/Shanghai)'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  YOUNG_CADRE_MAX_AGE: z.coerce.number().int().min(20).max(60).default(35),
  YOUNG_CADRE_AGE_RULE: z
    .enum(['inclusive', 'strict'], { message: '只能是 inclusive（含本数，35周岁以下含35周岁）或 strict（未满35周岁）' })
    .default('inclusive'),
  TERM_START_DATE: z
    .string()
    .refine(isIsoDate, { message: '须为 YYYY-MM-DD 格式的有效日期（本届乡镇领导班子换届日期）' })
    .default('2021-10-01'),
  EFFECTIVE_DATE_MAX_DAYS_AHEAD: z.coerce
    .number({ message: '须为 0–366 的整数（天）' })
    .int('须为整数（天）')
    .min(0, '不能小于 0')
    .max(366, '不能大于 366')
    .default(60),
  EVENT_REPLAY_WINDOW_SECONDS: z.coerce.number().int().positive().default(300),
  FEISHU_WS_PING_TIMEOUT: z.coerce.number().int().min(1).max(600).default(10),
  OUTBOX_APP_RATE: z.coerce.number().positive().default(50),
  OUTBOX_TARGET_RATE: z.coerce.number().positive().default(5),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  INBOX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  INBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  ALLOW_PUBLIC_CONSOLE: z.enum(['0', '1']).default('0'),
  EMULATOR_RETRY_SCALE: z.coerce.number().positive().default(1),
  // Local mode only: the console clock starts at this moment (then runs), so the demo county and a walk-through
  // are the same on any calendar day. ISO 8601 with an offset, e.g. 2026-12-03T09:00:00+08:00.
  DEV_CLOCK_START: z
    .string()
    .optional()
    .refine((s) => s === undefined || (/[T ]\d{2}:\d{2}/.test(s) && !Number.isNaN(new Date(s).getTime())), {
      message: '须为带时区的日期时间，如 2026-12-03T09:00:00+08:00',
    }),
  SEED_DEMO: z.enum(['auto', 'never']).optional(),
  REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(9),
  REMINDER_WORKDAYS_MONTH: workdays.default(5),
  REMINDER_WORKDAYS_QUARTER: workdays.default(10),
  REMINDER_WORKDAYS_HALF_YEAR: workdays.default(20),
  REMINDER_WORKDAYS_YEAR: workdays.default(20),
  ESCALATE_AFTER_WORKDAYS: z.coerce.number().int().min(0).max(60).default(5),
  // on: overdue reminder cards to leaders and the escalation lists to org_admin are sent as 应用内加急 (urgent_app).
  URGENT_OVERDUE: z.enum(['off', 'on']).default('off'),
  REVIEW_DIGEST_MIN: z.coerce.number().int().min(1).max(10_000).default(10),
  REVIEW_DIGEST_CRON: z.string().default('30 8 * * *'),
  // Reports (工作进展汇报): scheduled pushes; each job checks the workday calendar and sends once per slot.
  REPORT_DIGEST_CRON: z.string().optional(),
  REPORT_MONTHLY_CRON: z.string().default('15 9 * * *'),
  REPORT_QUARTERLY_CRON: z.string().default('20 9 * * *'),
  REPORT_PATCH_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  // on: the leaders' group digest @mentions the leaders concerned (e.g. with overdue talks); counts stay anonymous.
  DIGEST_MENTIONS: z.enum(['off', 'on']).default('off'),
  DIGEST_MENTIONS_MAX: z.coerce.number().int().min(1).max(50).default(20),
  AGE_OUT_CRON: z.string().default('0 8 * * *'),
  AGE_OUT_LEAD_MONTHS: z.coerce.number().int().min(0).max(24).default(1),
  // 用 Use: leadership-team structure rules (班子结构) and their daily check.
  STRUCTURE_MIN_YOUNG_PER_TOWNSHIP: z.coerce.number().int().min(0).max(20).default(1),
  STRUCTURE_YOUNG_SHARE_PCT: z.coerce.number().min(0).max(100).default(30),
  STRUCTURE_UNDER30_SHARE_PCT: z.coerce.number().min(0).max(100).default(0),
  STRUCTURE_WARN_MONTHS: z.coerce.number().int().min(1).max(36).default(12),
  STRUCTURE_CHECK_CRON: z.string().default('15 8 * * *'),
  // Production (issue 17): send limits shared by all instances through PostgreSQL.
  OUTBOX_SHARED_LIMITS: z.enum(['auto', '0', '1']).default('auto'),
  OUTBOX_APP_PER_MINUTE: z.coerce.number().positive().default(1000),
  UPLOAD_MAX_MB: z.coerce
    .number({ message: '上传文件大小上限须为数字（MB）' })
    .positive('须大于 0')
    .max(200, '不超过 200 MB')
    .default(30),
  CLUE_ATTACHMENT_MAX_MB: z.coerce
    .number({ message: '线索附件大小上限须为数字（MB）' })
    .positive('须大于 0')
    .max(50, '不超过 50 MB')
    .default(20),
  UPLOAD_MAX_UNZIPPED_MB: z.coerce
    .number({ message: '解压后大小上限须为数字（MB）' })
    .positive('须大于 0')
    .max(2000, '不超过 2000 MB')
    .default(300),
  UPLOAD_MAX_ROWS: z.coerce
    .number({ message: '行数上限须为整数' })
    .int('须为整数')
    .min(10, '至少 10 行')
    .max(1_000_000, '不超过 1000000 行')
    .default(200_000),
});

/** Checks that span variables; run on the raw environment so they are reported with every other problem. */
function crossFieldIssues(env: NodeJS.ProcessEnv): { path: string; message: string }[] {
  const has = (k: string) => (env[k] ?? '').trim() !== '';
  const mode = env.FEISHU_MODE?.trim() || (has('FEISHU_APP_ID') ? 'webhook' : 'emulator');
  const issues: { path: string; message: string }[] = [];
  if (mode === 'webhook' || mode === 'ws') {
    for (const key of ['FEISHU_APP_ID', 'FEISHU_APP_SECRET']) {
      if (!has(key)) issues.push({ path: key, message: `required when FEISHU_MODE=${mode}` });
    }
  }
  if (mode === 'webhook' && !has('FEISHU_ENCRYPT_KEY') && !has('FEISHU_VERIFICATION_TOKEN')) {
    issues.push({
      path: 'FEISHU_ENCRYPT_KEY',
      message: 'webhook mode needs FEISHU_ENCRYPT_KEY (recommended) or FEISHU_VERIFICATION_TOKEN',
    });
  }
  if (has('DEV_CLOCK_START') && mode !== 'emulator') {
    issues.push({
      path: 'DEV_CLOCK_START',
      message: '仅用于本地模式（FEISHU_MODE=emulator）；正式部署始终使用系统时间',
    });
  }
  return issues;
}

export type FeishuMode = 'webhook' | 'ws' | 'emulator';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  timezone: string;
  logLevel: string;
  /**
   * The logic bound: young ⇔ under this many full years (周岁) — YOUNG_CADRE_MAX_AGE + 1 under the default
   * inclusive rule (35周岁以下 includes 35), YOUNG_CADRE_MAX_AGE under the strict rule. Every age check uses it.
   */
  youngCadreMaxAge: number;
  /** The age line as users read it: “35周岁以下” (inclusive) or “未满35周岁” (strict); every card text uses it. */
  youngCadreLabel: string;
  /** The date of the last 换届 (TERM_START_DATE): 新一届班子 figures are measured on it. */
  termStartDate: string;
  /**
   * inclusive: “35周岁以下” includes 35 (民法典 第1259条) — young until the day before the (max+1)th birthday;
   * strict: under max full years — no longer young on the max-th birthday.
   */
  youngCadreAgeRule: 'inclusive' | 'strict';
  /** How far ahead a roster row's 生效日期 may lie. */
  effectiveDateMaxDaysAhead: number;
  feishu: {
    mode: FeishuMode;
    appId: string;
    appSecret: string;
    encryptKey: string | undefined;
    verificationToken: string | undefined;
    /** Base URL of the Open API; in emulator mode it points at the built-in emulator. */
    domain: string;
    replayWindowSeconds: number;
    /** Long connection: seconds without any frame after a ping before it is declared dead and redialled. */
    wsPingTimeoutSeconds: number;
  };
  /**
   * leaseSeconds: a claimed row is hidden from other workers this long (a crashed worker's rows come back after).
   * shared: the app and receiver limits (plus appPerMinute) are shared by all instances through PostgreSQL;
   * on by default when DATABASE_URL is set (OUTBOX_SHARED_LIMITS=auto).
   */
  outbox: { appRate: number; targetRate: number; leaseSeconds: number; shared: boolean; appPerMinute: number };
  /** Stored events processed at once, and how long a claim lasts before another instance may take it over. */
  inbox: { concurrency: number; leaseSeconds: number };
  /** Local mode listening beyond loopback exposes the unauthenticated console: refused unless this is set. */
  /** devClockStart: local mode's console clock starts here (DEV_CLOCK_START), else at the real time. */
  emulator: { retryScale: number; allowPublicConsole: boolean; devClockStart: Date | null };
  seedDemo: 'auto' | 'never';
  reminders: {
    hour: number;
    /** Reminder window per cadence, in workdays up to the period's last day (also the late-arrival grace). */
    windowWorkdays: Record<'month' | 'quarter' | 'half_year' | 'year', number>;
    escalateAfterWorkdays: number;
    /** Overdue cards and escalations as 应用内加急 (Feishu urgent_app). */
    urgent: boolean;
  };
  selection: { reviewDigestMin: number; reviewDigestCron: string; ageOutCron: string; ageOutLeadMonths: number };
  /** Reports: the weekly county digest, the monthly summary and the quarterly report (node-cron, local time). */
  /** patchWaitMs: how long `报告` waits for its 生成中 card to be delivered before patching it (else sends anew). */
  reports: {
    digestCron: string;
    monthlyCron: string;
    quarterlyCron: string;
    patchWaitMs: number;
    /** @mention the leaders concerned in the group digest, at most `mentionsMax` of them. */
    mentions: boolean;
    mentionsMax: number;
  };
  /** xlsx sent to the bot: file size, declared decompressed size, rows per sheet. */
  uploads: { maxFileMb: number; maxUnzippedMb: number; maxRows: number };
  /** 管 › 问题线索: size limit of an evidence attachment 证据附件 sent to the bot. */
  clues: { attachmentMaxMb: number };
  /** 用: 班子结构 rules (as data), how far ahead they are checked, and the daily check's cron. */
  structure: {
    minYoungPerTownship: number;
    youngSharePct: number;
    under30SharePct: number;
    warnMonths: number;
    checkCron: string;
  };
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
    ...crossFieldIssues(env),
  ];
  if (!parsed.success || issues.length > 0) {
    const lines = issues.map((i) => `  - ${i.path || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (配置有误):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const mode: FeishuMode = e.FEISHU_MODE ?? (e.FEISHU_APP_ID ? 'webhook' : 'emulator');
  const emulator = mode === 'emulator';
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    timezone: e.TIMEZONE,
    logLevel: e.LOG_LEVEL,
    youngCadreMaxAge: youngBound(e.YOUNG_CADRE_MAX_AGE, e.YOUNG_CADRE_AGE_RULE),
    youngCadreLabel: youngLabel(e.YOUNG_CADRE_MAX_AGE, e.YOUNG_CADRE_AGE_RULE),
    youngCadreAgeRule: e.YOUNG_CADRE_AGE_RULE,
    termStartDate: e.TERM_START_DATE,
    effectiveDateMaxDaysAhead: e.EFFECTIVE_DATE_MAX_DAYS_AHEAD,
    feishu: {
      mode,
      appId: e.FEISHU_APP_ID ?? 'cli_0000000000000000',
      appSecret: e.FEISHU_APP_SECRET ?? 'emulator-secret',
      // The emulator signs and encrypts like Feishu; without configured keys it uses fixed local ones.
      encryptKey: e.FEISHU_ENCRYPT_KEY ?? (emulator ? 'qingmiao-local-encrypt-key' : undefined),
      verificationToken: e.FEISHU_VERIFICATION_TOKEN ?? (emulator ? 'qingmiao-local-token' : undefined),
      domain: emulator ? `http://127.0.0.1:${e.PORT}/emulator` : e.FEISHU_DOMAIN.replace(/\/$/, ''),
      replayWindowSeconds: e.EVENT_REPLAY_WINDOW_SECONDS,
      wsPingTimeoutSeconds: e.FEISHU_WS_PING_TIMEOUT,
    },
    outbox: {
      appRate: e.OUTBOX_APP_RATE,
      targetRate: e.OUTBOX_TARGET_RATE,
      leaseSeconds: e.OUTBOX_LEASE_SECONDS,
      shared: e.OUTBOX_SHARED_LIMITS === '1' || (e.OUTBOX_SHARED_LIMITS === 'auto' && e.DATABASE_URL !== undefined),
      appPerMinute: e.OUTBOX_APP_PER_MINUTE,
    },
    inbox: { concurrency: e.INBOX_CONCURRENCY, leaseSeconds: e.INBOX_LEASE_SECONDS },
    emulator: {
      retryScale: e.EMULATOR_RETRY_SCALE,
      allowPublicConsole: e.ALLOW_PUBLIC_CONSOLE === '1',
      devClockStart: e.DEV_CLOCK_START ? new Date(e.DEV_CLOCK_START) : null,
    },
    // Local mode fills an empty database with the demo county; a real deployment never does unless asked.
    seedDemo: e.SEED_DEMO ?? (emulator ? 'auto' : 'never'),
    reminders: {
      hour: e.REMINDER_HOUR,
      windowWorkdays: {
        month: e.REMINDER_WORKDAYS_MONTH,
        quarter: e.REMINDER_WORKDAYS_QUARTER,
        half_year: e.REMINDER_WORKDAYS_HALF_YEAR,
        year: e.REMINDER_WORKDAYS_YEAR,
      },
      escalateAfterWorkdays: e.ESCALATE_AFTER_WORKDAYS,
      urgent: e.URGENT_OVERDUE === 'on',
    },
    uploads: { maxFileMb: e.UPLOAD_MAX_MB, maxUnzippedMb: e.UPLOAD_MAX_UNZIPPED_MB, maxRows: e.UPLOAD_MAX_ROWS },
    clues: { attachmentMaxMb: e.CLUE_ATTACHMENT_MAX_MB },
    structure: {
      minYoungPerTownship: e.STRUCTURE_MIN_YOUNG_PER_TOWNSHIP,
      youngSharePct: e.STRUCTURE_YOUNG_SHARE_PCT,
      under30SharePct: e.STRUCTURE_UNDER30_SHARE_PCT,
      warnMonths: e.STRUCTURE_WARN_MONTHS,
      checkCron: e.STRUCTURE_CHECK_CRON,
    },
    selection: {
      reviewDigestMin: e.REVIEW_DIGEST_MIN,
      reviewDigestCron: e.REVIEW_DIGEST_CRON,
      ageOutCron: e.AGE_OUT_CRON,
      ageOutLeadMonths: e.AGE_OUT_LEAD_MONTHS,
    },
    reports: {
      // The county digest replaces the talks digest and keeps its slot (5 past the reminder hour), every day:
      // the job itself sends on the week's first workday (a make-up Saturday included).
      digestCron: e.REPORT_DIGEST_CRON ?? `5 ${e.REMINDER_HOUR} * * *`,
      monthlyCron: e.REPORT_MONTHLY_CRON,
      quarterlyCron: e.REPORT_QUARTERLY_CRON,
      patchWaitMs: e.REPORT_PATCH_WAIT_MS,
      mentions: e.DIGEST_MENTIONS === 'on',
      mentionsMax: e.DIGEST_MENTIONS_MAX,
    },
  };
}

/** 民法典 第1259条: “以上、以下、以内、届满，包括本数” — 35周岁以下 is young until the day before the 36th birthday. */
export const youngBound = (line: number, rule: 'inclusive' | 'strict') => (rule === 'inclusive' ? line + 1 : line);

export const youngLabel = (line: number, rule: 'inclusive' | 'strict') =>
  rule === 'inclusive' ? `${line}周岁以下` : `未满${line}周岁`;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;

/**
 * Local mode serves the emulator, the console and /dev routes without any login: listening beyond loopback
 * hands them to the network. A warning when allowed (ALLOW_PUBLIC_CONSOLE=1), a refusal otherwise; null when fine.
 */
export function publicConsoleProblem(config: Config): { refuse: boolean; message: string } | null {
  if (config.feishu.mode !== 'emulator' || LOOPBACK.test(config.host)) return null;
  const where = `HOST=${config.host}`;
  if (config.emulator.allowPublicConsole) {
    return {
      refuse: false,
      message: `警告：本地模式监听 ${where}，控制台和模拟器无需登录，网络上的任何人都能以任意身份操作青苗。`,
    };
  }
  return {
    refuse: true,
    message:
      `本地模式拒绝监听 ${where}：控制台和模拟器无需登录，会把所有数据暴露给网络。` +
      `请使用 HOST=127.0.0.1；确需对外开放时设置 ALLOW_PUBLIC_CONSOLE=1。`,
  };
}
