import { describe, expect, it } from 'vitest'
import { outcomeWhy } from '../../../src/renderer/src/lib/outcome-mapping'

describe('why an outcome value maps where it does', () => {
  it('names the guess, the user’s choice, or an unrecognised value', () => {
    expect(outcomeWhy('hit', 'Hit', 'Hit')).toBe('guessed: “hit” reads as Hit')
    expect(outcomeWhy('left', 'exclude', 'exclude')).toMatch(/not a name the app recognises/)
    expect(outcomeWhy('left', 'Hit', 'exclude')).toBe('your choice')
    expect(outcomeWhy('x', undefined, undefined)).toMatch(/not mapped yet/)
  })
})
