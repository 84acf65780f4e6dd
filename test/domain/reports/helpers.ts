import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../src/db/client.js';
import type { TestBot } from '../../helpers/bot.js';

/** The demo county (示范县): the first county unit. */
export async function countyOf(bot: TestBot): Promise<number> {
  const [row] = rowsOf<{ id: number }>(
    await bot.handle.db.execute(sql`select id from units where kind = 'county' order by sort_order, id limit 1`),
  );
  return Number(row.id);
}
