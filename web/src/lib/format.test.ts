import { describe, expect, it } from 'vitest'
import {
  formatChange,
  formatMonth,
  formatNumber,
  formatScore,
  formatShare,
  formatTonnes,
  formatUsd,
  sourceHost,
} from './format'

describe('formatting', () => {
  it('shows tonnes with separators and keeps reported decimals', () => {
    expect(formatTonnes(1238)).toBe('1,238 t')
    expect(formatTonnes(411.3)).toBe('411.3 t')
    expect(formatTonnes(0.5)).toBe('0.5 t')
    expect(formatTonnes(62585)).toBe('62,585 t')
  })
  it('shows a missing figure as a dash, never as zero', () => {
    expect(formatTonnes(null)).toBe('—')
    expect(formatNumber(undefined)).toBe('—')
    expect(formatChange(null)).toBe('—')
    expect(formatShare(null)).toBe('—')
    expect(formatUsd(null)).toBe('—')
  })
  it('signs changes with a true minus', () => {
    expect(formatChange(-0.7412)).toBe('\u221274.1%')
    expect(formatChange(0.052)).toBe('+5.2%')
    expect(formatChange(1.52)).toBe('+152%')
    expect(formatChange(0)).toBe('0%')
    expect(formatScore(-0.771)).toBe('\u22120.77')
    expect(formatScore(-0.001)).toBe('0.00')
  })
  it('shows shares with one decimal and tiny shares with two significant digits', () => {
    expect(formatShare(0.18982)).toBe('19.0%')
    expect(formatShare(1)).toBe('100.0%')
    expect(formatShare(0.00042)).toBe('0.042%')
    expect(formatShare(0)).toBe('0.0%')
  })
  it('compacts dollars', () => {
    expect(formatUsd(51_000_000)).toBe('USD 51m')
    expect(formatUsd(2.5e9)).toBe('USD 2.5bn')
    expect(formatUsd(110)).toBe('USD 110')
  })
  it('names months and shortens source addresses', () => {
    expect(formatMonth('2025-05')).toBe('May 2025')
    expect(formatMonth('2025')).toBe('2025')
    expect(sourceHost('https://www.reuters.com/markets/x')).toBe('reuters.com')
    expect(sourceHost('not a url')).toBe('not a url')
  })
})
