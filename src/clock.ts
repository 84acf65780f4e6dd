import { localDate } from './time.js';

/** Time as a dependency: rules never call `new Date()`, services ask the clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that can be set and moved; used by tests and by the emulator's /dev/clock. */
export class SettableClock implements Clock {
  private offsetMs = 0;
  private fixed: Date | null = null;
  constructor(private readonly base: Clock = systemClock) {}
  now(): Date {
    if (this.fixed) return new Date(this.fixed.getTime());
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  /** Jump to `at` and keep running from there. */
  set(at: Date): void {
    this.fixed = null;
    this.offsetMs = at.getTime() - this.base.now().getTime();
  }
  /** Freeze at `at` (tests). */
  freeze(at: Date): void {
    this.fixed = new Date(at.getTime());
  }
  advance(ms: number): void {
    if (this.fixed) this.fixed = new Date(this.fixed.getTime() + ms);
    else this.offsetMs += ms;
  }
  reset(): void {
    this.fixed = null;
    this.offsetMs = 0;
  }
}

/**
 * Today's calendar date ('YYYY-MM-DD') from the injected clock in the configured timezone.
 * The one home of "today": services and jobs call this, never `new Date()`.
 */
export function today(deps: { clock: Clock; config: { timezone: string } }): string {
  return localDate(deps.clock.now(), deps.config.timezone);
}
