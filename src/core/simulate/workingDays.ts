/**
 * Working days to calendar days, explicitly: Monday to Friday are working days; weekends are skipped; public
 * holidays are not modelled (the scenario says so in its README when it matters).
 */

/** Weekday of a day number (days since 1970-01-01, a Thursday): 0 = Monday ... 6 = Sunday. */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 3) % 7) + 7) % 7
}

/**
 * Calendar days from a filing day (weekday `weekday`) to the day on which the `workingDays`-th working day after
 * it ends. 0 working days is the filing day itself.
 * @example calendarDaysForWorkingDays(0, 5) === 7 // filed Monday, 5 working days: the next Monday
 */
export function calendarDaysForWorkingDays(weekday: number, workingDays: number): number {
  const n = Math.ceil(workingDays)
  if (n <= 0) return 0
  const weeks = Math.floor((n - 1) / 5)
  let remaining = n - weeks * 5
  let offset = weeks * 7
  let w = weekday
  while (remaining > 0) {
    offset++
    w = (w + 1) % 7
    if (w < 5) remaining--
  }
  return offset
}
