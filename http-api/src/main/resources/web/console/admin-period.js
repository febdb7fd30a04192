// Admin: the dates of a period, as the UTC instants the API takes ([from, to), whole days).

/** "2026-11-29" of a Date, in UTC. */
export function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

/** 00:00 UTC of a "2026-11-29" day, `plus` days later, as an ISO instant. */
export function dayStart(day, plus) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + plus);
  return date.toISOString();
}

/** The period [from day 00:00 UTC, the day after `to` 00:00 UTC); null when a date is missing. */
export function periodOf(fromDay, toDay) {
  if (!fromDay || !toDay) return null;
  const from = new Date(`${fromDay}T00:00:00Z`);
  const to = new Date(`${toDay}T00:00:00Z`);
  to.setUTCDate(to.getUTCDate() + 1);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** Each UTC day of [from, to) as {day, from, to}. */
export function daysOf(period) {
  const days = [];
  for (let day = new Date(period.from); day < new Date(period.to); ) {
    const next = new Date(day);
    next.setUTCDate(next.getUTCDate() + 1);
    days.push({ day: isoDay(day), from: day.toISOString(), to: next.toISOString() });
    day = next;
  }
  return days;
}

/** The last `count` days up to today, as the values of two date inputs. */
export function lastDays(count) {
  const to = new Date();
  const from = new Date(to);
  from.setUTCDate(from.getUTCDate() - (count - 1));
  return { fromDay: isoDay(from), toDay: isoDay(to) };
}
