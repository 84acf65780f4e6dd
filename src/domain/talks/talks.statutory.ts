/**
 * Statutory holidays 法定节假日 of any year (pure), per 《全国年节及纪念日放假办法》 (2024 revision): 元旦 1 day,
 * 春节 4 days (除夕, 正月初一至初三), 清明 1 day, 劳动节 2 days (5月1日、2日), 端午 1 day, 中秋 1 day,
 * 国庆 3 days (10月1日至3日). Lunar dates and the solar term 清明 come from lunar-typescript. For a year without
 * an official schedule these are the PROVISIONAL days off (the 调休 arrangement is unknown until the State
 * Council publishes it and org_admin loads it); in every year they are never workdays.
 */
import { Lunar } from 'lunar-typescript';

export interface StatutoryDay {
  date: string;
  name: string;
}

const cache = new Map<number, StatutoryDay[]>();

function lunarToSolar(year: number, month: number, day: number): string {
  return Lunar.fromYmd(year, month, day).getSolar().toYmd();
}

/** The statutory days off of `year`, in date order. */
export function statutoryHolidays(year: number): StatutoryDay[] {
  const known = cache.get(year);
  if (known) return known;
  const y = (md: string) => `${year}-${md}`;
  const newYear = Lunar.fromYmd(year, 1, 1).getSolar();
  const days: StatutoryDay[] = [
    { date: y('01-01'), name: '元旦' },
    { date: newYear.next(-1).toYmd(), name: '春节' },
    ...[0, 1, 2].map((d) => ({ date: newYear.next(d).toYmd(), name: '春节' })),
    { date: Lunar.fromYmd(year, 3, 1).getJieQiTable().清明.toYmd(), name: '清明节' },
    { date: y('05-01'), name: '劳动节' },
    { date: y('05-02'), name: '劳动节' },
    { date: lunarToSolar(year, 5, 5), name: '端午节' },
    { date: lunarToSolar(year, 8, 15), name: '中秋节' },
    { date: y('10-01'), name: '国庆节' },
    { date: y('10-02'), name: '国庆节' },
    { date: y('10-03'), name: '国庆节' },
  ]
    // 除夕 of a year whose 春节 falls early in January lies in the previous year: keep each year's own days.
    .filter((d) => d.date.startsWith(`${year}-`))
    .sort((a, b) => a.date.localeCompare(b.date));
  // 春节 of the next year may start with 除夕 on 31 December of this one.
  const nextEve = Lunar.fromYmd(year + 1, 1, 1)
    .getSolar()
    .next(-1)
    .toYmd();
  if (nextEve.startsWith(`${year}-`)) days.push({ date: nextEve, name: '春节' });
  cache.set(year, days);
  return days;
}

/** The statutory holiday on `date`, or undefined. */
export function statutoryHoliday(date: string): string | undefined {
  return statutoryHolidays(Number(date.slice(0, 4))).find((d) => d.date === date)?.name;
}
