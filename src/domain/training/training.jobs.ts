/**
 * 培训缺勤提醒 (daily, workdays only): every trainee marked 缺勤 on a recent course gets one private reminder
 * listing those courses; each absence is reminded once, each person at most once a day (send ledger).
 */
import { inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import { trainingAttendance } from '../../db/schema/training.js';
import type { Deps } from '../../deps.js';
import type { Job } from '../../jobs/job.js';
import { addDays, localDate } from '../../time.js';
import { loadCalendar } from '../talks/talks.calendar.queries.js';
import { absenceReminderCard } from './training.cards.js';
import { sendOnce } from './training.ledger.js';
import { ABSENCE_LOOKBACK_DAYS } from './training.vocab.js';

export interface AbsenceRun {
  workday: boolean;
  reminded: number;
}

export async function runAbsenceReminders(deps: Deps, firedAt: Date): Promise<AbsenceRun> {
  const day = localDate(firedAt, deps.config.timezone);
  const cal = await loadCalendar(deps.db);
  const run = { workday: cal.isWorkday(day), reminded: 0 };
  if (!run.workday) return run;
  const rows = rowsOf<{
    id: number;
    personId: number;
    openId: string;
    topic: string;
    heldOn: string;
    className: string;
  }>(
    await deps.db.execute(sql`
    select a.id, a.person_id as "personId", p.open_id as "openId", k.topic,
           to_char(k.held_on, 'YYYY-MM-DD') as "heldOn", c.name as "className"
      from training_attendance a join training_courses k on k.id = a.course_id
      join training_classes c on c.id = k.class_id join people p on p.id = a.person_id
     where a.mark = 'absent' and a.reminded_on is null and p.open_id is not null
       and k.held_on between ${addDays(day, -ABSENCE_LOOKBACK_DAYS)}::date and ${day}::date
     order by a.person_id, k.held_on`),
  );
  const byPerson = new Map<number, typeof rows>();
  for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
  for (const mine of byPerson.values()) {
    const openId = mine[0].openId;
    const sent = await sendOnce(
      deps.db,
      deps.clock.now(),
      { recipient: openId, kind: 'absence', localDate: day, subjectKeys: mine.map((r) => `attendance:${r.id}`) },
      async (tx) => {
        await tx
          .update(trainingAttendance)
          .set({ remindedOn: day, updatedAt: deps.clock.now() })
          .where(
            inArray(
              trainingAttendance.id,
              mine.map((r) => r.id),
            ),
          );
      },
      { kind: 'send', to: { openId }, card: absenceReminderCard(mine) },
    );
    if (sent) run.reminded++;
  }
  return run;
}

export function trainingJobs(deps: Deps): Job[] {
  const hour = deps.config.reminders.hour;
  return [
    {
      name: 'training.absences',
      cron: `20 ${hour} * * *`,
      description: '培训缺勤提醒：工作日提醒近期课程缺勤的学员（每次缺勤提醒一次，每人每天至多一条）',
      run: async (firedAt) => {
        const r = await runAbsenceReminders(deps, firedAt);
        deps.outboxWake();
        return r;
      },
    },
  ];
}
