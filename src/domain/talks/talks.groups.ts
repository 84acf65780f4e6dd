/** Groups obligation items by (relation, period) for cards (pure). */
import type { TalkRelation } from '../../db/schema/talks.js';
import { keyLabel } from './talks.periods.js';
import { RELATION_LABELS } from './talks.rules.js';

export interface Groupable {
  relation: TalkRelation;
  periodKey: string;
  periodEnd: string;
}

export interface ItemGroup<T> {
  title: string;
  periodEnd: string;
  items: T[];
}

export function groupByPeriod<T extends Groupable>(items: T[]): ItemGroup<T>[] {
  const groups = new Map<string, ItemGroup<T>>();
  for (const it of items) {
    const k = `${it.relation}|${it.periodKey}`;
    let g = groups.get(k);
    if (!g) {
      const label = keyLabel(it.periodKey);
      g = { title: `${RELATION_LABELS[it.relation]} · ${label}`, periodEnd: it.periodEnd, items: [] };
      groups.set(k, g);
    }
    g.items.push(it);
  }
  return [...groups.values()].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
}
