import { describe, expect, it } from 'vitest'
import { dayNumber } from '../shared/months'
import { calendarDaysForWorkingDays, weekdayOfDayNumber } from './workingDays'

describe('working days', () => {
  it('knows the weekday of a date', () => {
    expect(weekdayOfDayNumber(dayNumber('2025-04-04'))).toBe(4) // Friday
    expect(weekdayOfDayNumber(dayNumber('2026-01-05'))).toBe(0) // Monday
    expect(weekdayOfDayNumber(-1)).toBe(2) // 1969-12-31, a Wednesday
  })

  it('skips weekends', () => {
    expect(calendarDaysForWorkingDays(0, 0)).toBe(0)
    expect(calendarDaysForWorkingDays(0, 1)).toBe(1) // Monday → Tuesday
    expect(calendarDaysForWorkingDays(4, 1)).toBe(3) // Friday → Monday
    expect(calendarDaysForWorkingDays(5, 1)).toBe(2) // Saturday → Monday
    expect(calendarDaysForWorkingDays(0, 5)).toBe(7)
    // MOFCOM's 45 working days, filed on Friday 4 April 2025: Friday 6 June 2025 (63 days).
    expect(calendarDaysForWorkingDays(4, 45)).toBe(63)
  })

  it('rounds partial working days up', () => {
    expect(calendarDaysForWorkingDays(0, 0.2)).toBe(1)
    expect(calendarDaysForWorkingDays(0, 4.5)).toBe(7)
  })

  it('matches counting day by day', () => {
    for (let weekday = 0; weekday < 7; weekday++)
      for (let n = 0; n <= 30; n++) {
        let days = 0
        let left = n
        let w = weekday
        while (left > 0) {
          days++
          w = (w + 1) % 7
          if (w < 5) left--
        }
        expect(calendarDaysForWorkingDays(weekday, n)).toBe(days)
      }
  })
})
