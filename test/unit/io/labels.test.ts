// Cell-type and area text rules.
import { describe, expect, it } from 'vitest'
import { mostCommon, parseArea, typeFromLabel, typeFromWidth } from '../../../src/main/io/labels'

describe('labels', () => {
  it.each([
    ['FS', 'I'],
    ['narrow', 'I'],
    ['inhibitory', 'I'],
    ['Narrow Interneuron', 'I'],
    ['Wide Interneuron', 'I'],
    ['fast_spiking', 'I'],
    ['RS', 'E'],
    ['wide', 'E'],
    ['Pyramidal Cell', 'E'],
    ['excitatory', 'E'],
    ['PTlower', 'E'],
    ['PTupper', 'E'],
    ['E', 'E'],
    ['I', 'I'],
    ['', 'unknown'],
    ['noise', 'unknown'],
    ['good', 'unknown']
  ])('typeFromLabel(%j) = %s', (label, type) => expect(typeFromLabel(label)).toBe(type))

  it('spike width ≤ 0.275 ms is inhibitory', () => {
    expect([0.2, 0.275, 0.276, 0.5, NaN, 0].map(typeFromWidth)).toEqual(['I', 'I', 'E', 'E', 'unknown', 'unknown'])
  })

  it('parses free-text locations of old NWB files', () => {
    expect(parseArea('brain_region: ALM; brain_subregion: N/A; cortical_layer: 5; hemisphere: left')).toBe('ALM')
    expect(parseArea("{'brain_region': 'wS1', 'layer': 4}")).toBe('wS1')
    expect(parseArea('  VISam ')).toBe('VISam')
    expect(parseArea('')).toBe('')
    expect(mostCommon(['', 'CA1', 'CA3', 'CA1'])).toBe('CA1')
  })
})
