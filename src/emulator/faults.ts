import { z } from 'zod';

/** Fault injection for the fake Open API and the event pusher (POST /emulator/api/faults). */
export const FaultsSchema = z
  .object({
    /** Share of Open API calls answered 429 + 99991400 (0..1). */
    rate429: z.number({ message: 'rate429 须为 0 到 1 之间的数' }).min(0).max(1),
    /** Share of Open API calls answered HTTP 500 (0..1). */
    rate5xx: z.number({ message: 'rate5xx 须为 0 到 1 之间的数' }).min(0).max(1),
    /** Delay before every Open API answer, in ms. */
    latency_ms: z.number({ message: 'latency_ms 须为 0 到 30000 之间的整数' }).int().min(0).max(30_000),
    /** Share of pushed events delivered twice (0..1). */
    duplicate_events: z.number({ message: 'duplicate_events 须为 0 到 1 之间的数' }).min(0).max(1),
    /** Events leave after a random delay of up to this many ms, so later ones may overtake them. */
    reorder_ms: z.number({ message: 'reorder_ms 须为 0 到 10000 之间的整数' }).int().min(0).max(10_000),
  })
  .strict();

export type Faults = z.infer<typeof FaultsSchema>;

export const NO_FAULTS: Faults = { rate429: 0, rate5xx: 0, latency_ms: 0, duplicate_events: 0, reorder_ms: 0 };

/** Decides, per call, which fault (if any) to inject. `random` is injectable for tests. */
export class FaultInjector {
  current: Faults = { ...NO_FAULTS };

  constructor(private readonly random: () => number = Math.random) {}

  set(patch: Partial<Faults>): Faults {
    this.current = FaultsSchema.parse({ ...this.current, ...patch });
    return this.current;
  }

  pick(): '429' | '5xx' | null {
    if (this.current.rate429 > 0 && this.random() < this.current.rate429) return '429';
    if (this.current.rate5xx > 0 && this.random() < this.current.rate5xx) return '5xx';
    return null;
  }

  /** How long to hold back an event before its first delivery (0 = send at once). */
  reorderDelay(): number {
    // At least 1 ms while the fault is on: a hold of 0 would deliver before push() returns, in order.
    return this.current.reorder_ms > 0 ? 1 + Math.floor(this.random() * this.current.reorder_ms) : 0;
  }

  duplicate(): boolean {
    return this.current.duplicate_events > 0 && this.random() < this.current.duplicate_events;
  }
}
