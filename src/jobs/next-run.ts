import { createTask, parse } from 'node-cron';

export interface LocalParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(at: Date, timezone: string): LocalParts {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year, mo: p.month, d: p.day, h: p.hour, mi: p.minute, s: p.second };
}

const utcOf = (p: LocalParts) => Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);

/** The instant at which the wall clock in `timezone` shows `p` (the later offset wins around DST changes). */
export function zonedInstant(p: LocalParts, timezone: string): Date {
  const guess = utcOf(p);
  const offsetAt = (t: number) => utcOf(partsIn(new Date(t), timezone)) - Math.floor(t / 1000) * 1000;
  const first = offsetAt(guess);
  const second = offsetAt(guess - first);
  return new Date(guess - second);
}

const numbers = (values: (number | string)[]) =>
  values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);

/**
 * The first slot of `pattern` strictly after `after`, in `timezone`. `match` is node-cron's own matcher
 * (task.match), so day-of-month/day-of-week semantics (L, #n, ranges) are node-cron's; this only walks
 * candidate days and times in order. Unlike task.getNextRun(), it starts from any instant (the injected clock).
 */
export function nextSlot(
  match: (d: Date) => boolean,
  pattern: string,
  timezone: string,
  after: Date,
  horizonDays = 366 * 8,
): Date | null {
  const f = parse(pattern);
  const [secs, mins, hours] = [numbers(f.second), numbers(f.minute), numbers(f.hour)];
  const months = new Set(numbers(f.month));
  const start = partsIn(after, timezone);
  const startTime = start.h * 3600 + start.mi * 60 + start.s;
  for (let i = 0; i < horizonDays; i++) {
    const day = new Date(Date.UTC(start.y, start.mo - 1, start.d + i));
    const date = { y: day.getUTCFullYear(), mo: day.getUTCMonth() + 1, d: day.getUTCDate() };
    if (!months.has(date.mo)) continue;
    if (!match(zonedInstant({ ...date, h: hours[0], mi: mins[0], s: secs[0] }, timezone))) continue;
    for (const h of hours)
      for (const mi of mins)
        for (const s of secs) {
          if (i === 0 && h * 3600 + mi * 60 + s <= startTime) continue;
          const t = zonedInstant({ ...date, h, mi, s }, timezone);
          if (t > after && match(t)) return t;
        }
  }
  return null;
}

/**
 * node-cron's matcher for `pattern` in `timezone`, without a live task: node-cron exposes matching only on
 * tasks, and every created task joins its global registry until destroyed — so create, keep `match`, destroy.
 */
export function cronMatcher(pattern: string, timezone: string): (d: Date) => boolean {
  const task = createTask(pattern, () => {}, { timezone });
  const match = task.match.bind(task);
  void task.destroy();
  return match;
}
