import { describe, expect, it } from 'vitest'
import { alignmentName, timeAxisLabel } from '../../../src/renderer/src/lib/alignment'

describe('alignment names on time axes', () => {
  it('names the trials column the window is aligned to, in words', () => {
    expect(timeAxisLabel('pole_in_time')).toBe('Time from pole in (ms)')
    expect(alignmentName('stim_onset_time')).toBe('stim onset')
    expect(alignmentName('go_cue')).toBe('go cue')
    expect(alignmentName('start_time')).toBe('trial start')
    expect(timeAxisLabel(undefined)).toBe('Time from alignment event (ms)')
  })
})
