import { today } from '../../clock.js';
import type { Deps } from '../../deps.js';
import { invalid } from '../../errors.js';
import type { Router } from '../../feishu/router.js';
import { parseRange } from './talks.range.js';

import { talkStatsCard } from './talks.stats.cards.js';
import { talkStatsFor } from './talks.stats.service.js';

export function registerTalkStats(router: Router, deps: Deps): void {
  router.command(
    ['统计', '谈话统计'],
    async (ctx) => {
      const range = parseRange(ctx.args, today(deps));
      if (typeof range === 'string') throw invalid(range);
      await ctx.reply(talkStatsCard(await talkStatsFor(deps, ctx.actor.personId, range)));
    },
    '谈心谈话统计：人次、提醒、问题解决、完成情况（如「统计 2026」）',
  );
}
