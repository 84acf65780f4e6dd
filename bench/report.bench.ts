/**
 * The 工作进展汇报 for the 100k-cadre demo deployment (seedDemo scale 30 plus the obligations bench's pool,
 * pairs and talks): time to the card (every capability's parts + the card JSON) and to the Word file
 * (parts again + docx with server-side charts), over every unit. Lists are not loaded for either (they are
 * loaded only by a 名单 button or the Excel file); the Excel time is reported in the notes.
 */
import { sql } from 'drizzle-orm';
import type { Capability } from '../src/capability.js';
import type { Clock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { rowsOf } from '../src/db/client.js';
import type { Deps } from '../src/deps.js';
import { cluesCapability } from '../src/domain/clues/clues.handlers.js';
import { dispatchesCapability } from '../src/domain/dispatches/dispatches.handlers.js';
import { ledgerCapability } from '../src/domain/ledger/ledger.handlers.js';
import { mentoringCapability } from '../src/domain/mentoring/mentoring.handlers.js';
import { seedDemo } from '../src/domain/org/demo/seed.js';
import { poolCapability } from '../src/domain/pool/pool.handlers.js';
import { recommendationsCapability } from '../src/domain/recommendations/recommendations.handlers.js';
import { reportCard } from '../src/domain/reports/reports.cards.js';
import { reportDocx } from '../src/domain/reports/reports.docx.js';
import { buildReport, type ReportDoc } from '../src/domain/reports/reports.service.js';
import { reportWorkbook } from '../src/domain/reports/reports.xlsx.js';
import { talksCapability } from '../src/domain/talks/talks.handlers.js';
import { trainingCapability } from '../src/domain/training/training.handlers.js';
import { useCapability } from '../src/domain/use/use.handlers.js';
import { randomIds } from '../src/ids.js';
import { benchDatabase } from './db.js';
import { type BenchResult, measure } from './lib.js';
import { addTalkData } from './obligations.bench.js';

export const name = 'report-100k';

const SCALE = Number(process.env.BENCH_REPORT_SCALE ?? 30);
const AS_OF = '2026-12-22';
const clock: Clock = { now: () => new Date(`${AS_OF}T09:00:00+08:00`) };
/** Every capability with report parts (as the bot runs): 育/管/用 query their (here sparse) tables at scale too. */
const FEEDING: Capability[] = [
  recommendationsCapability,
  poolCapability,
  dispatchesCapability,
  trainingCapability,
  ledgerCapability,
  cluesCapability,
  talksCapability,
  mentoringCapability,
  useCapability,
];

export async function run(): Promise<BenchResult> {
  const handle = await benchDatabase();
  try {
    const t0 = performance.now();
    const seeded = await seedDemo(handle.db, { scale: SCALE, clock });
    const data = await addTalkData(handle.db);
    const setupS = (performance.now() - t0) / 1000;
    const deps = {
      db: handle.db,
      clock,
      config: loadConfig({ PORT: '3999' }),
      log: console as never,
      ids: randomIds,
      lark: null as never,
      outboxWake: () => {},
    } satisfies Deps;
    const [county] = rowsOf<{ id: number }>(
      await handle.db.execute(sql`select id from units where kind = 'county' order by sort_order, id limit 1`),
    );
    const unitIds = rowsOf<{ id: number }>(await handle.db.execute(sql`select id from units`)).map((u) => Number(u.id));
    const scope = { countyId: Number(county.id), unitIds };
    const period = { from: '2022-01-01', to: AS_OF };
    const build = () => buildReport(deps, FEEDING, period, scope, { scopeLabel: '全部单位', asOf: AS_OF });
    await build(); // warm caches once, as a running bot would be
    let doc: ReportDoc | null = null;
    let cardBytes = 0;
    const card = await measure(`report card (${handle.driver})`, async () => {
      doc = await build();
      cardBytes = JSON.stringify(reportCard(doc)).length;
      return { ops: 1 };
    });
    let docxBytes = 0;
    let images = 0;
    const word = await measure(`report Word with charts (${handle.driver})`, async () => {
      const d = await reportDocx(await build());
      docxBytes = d.data.length;
      images = d.images;
      return { ops: 1 };
    });
    const x0 = performance.now();
    const xlsx = await reportWorkbook(doc!);
    const xlsxS = (performance.now() - x0) / 1000;
    const figure = (k: string) =>
      doc!.chapters.flatMap((c) => c.parts.flatMap((p) => p.figures)).find((f) => f.key === k)?.value ?? 0;
    return {
      baseline: card,
      candidate: word,
      limits: [
        {
          metric: 'totalMs',
          bound: 30_000,
          why: '100k 干部的全部报告（Word，含图表）须在 30 秒内生成（后台生成，卡片先显示“生成中”）',
        },
      ],
      notes: [
        `scale ${SCALE}: ${seeded.people} people, ${seeded.units} units; ${data.pool} pool entries, ${data.pairs} pairs, ${data.talks} talks (setup ${setupS.toFixed(1)} s)`,
        `card: ${(card.totalMs / 1000).toFixed(2)} s, ${cardBytes} bytes of card JSON; Word: ${(word.totalMs / 1000).toFixed(2)} s, ${docxBytes} bytes, ${images} chart images`,
        `Excel with every list (${figure('talks.talks')} talks, ${figure('pool.total')} in the pool): ${xlsxS.toFixed(1)} s, ${xlsx.length} bytes`,
      ],
    };
  } finally {
    await handle.close();
  }
}
