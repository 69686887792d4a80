// CLI parsing: negative numbers as option values, mapping flags → ImportMapping, errors naming the option.
import { describe, expect, it } from 'vitest'
import { parseCommandLine } from '../../../src/main/cli/args'
import { mappingFromArgs, mappingOptions, parseOutcomeMap } from '../../../src/main/cli/mapping-options'

const parse = (argv: string[]) => parseCommandLine(argv, { ...mappingOptions, json: { type: 'boolean' } })

describe('parseCommandLine', () => {
  it('takes a negative window as the value of --window', () => {
    const r = parse(['a.nwb', '--window', '-0.2,1.2', 'b.nwb', '--dt', '0.001', '--json'])
    expect(r.positionals).toEqual(['a.nwb', 'b.nwb'])
    expect(r.values).toMatchObject({ window: '-0.2,1.2', dt: '0.001', json: true })
  })

  it('refuses unknown options naming them', () => {
    expect(() => parse(['--colour', 'red'])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: '--colour' }) as Error
    )
  })
})

describe('mapping flags', () => {
  it('maps only the flags given', () => {
    expect(mappingFromArgs(parse(['x']).values)).toEqual({})
    expect(mappingFromArgs(parse(['--area-column', 'location', '--align', 'stim_time']).values)).toEqual({
      areaColumn: 'location',
      align: 'stim_time'
    })
  })

  it('builds the binning from --window and --dt with defaults for the other', () => {
    expect(mappingFromArgs(parse(['--window', '-0.1,0.3']).values).binning).toEqual({
      dt: 0.002,
      start: -0.1,
      stop: 0.3
    })
    expect(mappingFromArgs(parse(['--dt', '0.005']).values).binning).toEqual({ dt: 0.005, start: -0.2, stop: 1.2 })
    expect(() => mappingFromArgs(parse(['--window', '1,0']).values)).toThrow(/must end after it starts/)
    expect(() => mappingFromArgs(parse(['--window', '0.1']).values)).toThrow(
      expect.objectContaining({ field: '--window' }) as Error
    )
    expect(() => mappingFromArgs(parse(['--dt', '0']).values)).toThrow(
      expect.objectContaining({ field: '--dt' }) as Error
    )
  })

  it('parses --outcome-map as OUTCOME=value pairs', () => {
    expect(parseOutcomeMap('Hit=correct,Miss=no response,exclude=early,Hit=late hit')).toEqual({
      correct: 'Hit',
      'no response': 'Miss',
      early: 'exclude',
      'late hit': 'Hit'
    })
    expect(() => parseOutcomeMap('Win=1')).toThrow(expect.objectContaining({ field: '--outcome-map' }) as Error)
    expect(() => parseOutcomeMap('Hit')).toThrow(/OUTCOME=value/)
  })
})
