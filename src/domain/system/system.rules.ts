/**
 * How long housekeeping keeps transport records. Feishu redelivers an event for about 7.1 hours, so event
 * dedup keys must outlive that (≥ 8 h); job runs are kept long enough to answer "did last month's job run?".
 */
export const RETENTION = {
  processedEventsHours: 48,
  jobRunsDays: 180,
} as const;

export interface PruneCutoffs {
  processedEventsBefore: Date;
  jobRunsBefore: Date;
}

export function pruneCutoffs(at: Date, retention: typeof RETENTION = RETENTION): PruneCutoffs {
  const hour = 3_600_000;
  return {
    processedEventsBefore: new Date(at.getTime() - retention.processedEventsHours * hour),
    jobRunsBefore: new Date(at.getTime() - retention.jobRunsDays * 24 * hour),
  };
}
