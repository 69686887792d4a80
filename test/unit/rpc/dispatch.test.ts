// dispatch: unknown method, input validation naming the field, handler errors mapped, no stack traces.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppError } from '@shared/contract/errors'
import { method } from '@shared/contract/define'
import type { Handlers } from '@shared/contract/methods'
import { fitConfigSchema } from '@shared/domain/model-config'
import { createDispatch, zodToAppError } from '../../../src/main/rpc/dispatch'

const table = {
  't.echo': method(
    z.object({ n: z.number().int(), deep: z.object({ s: z.string() }).optional() }),
    z.object({ n: z.number() })
  ),
  nothandled: method(z.object({}), z.object({}))
}
const handlers = {
  't.echo': ({ n }: { n: number }) => {
    if (n === 1) throw new AppError('BAD_VALUE', 'one is not allowed', { file: 'f.nwb', field: '/units' })
    if (n === 2) throw new Error('boom')
    if (n === 3) return { wrong: true }
    if (n === 4) throw new z.ZodError([{ code: 'custom', path: ['model', 'tauExcMs'], message: 'too big', input: 0 }])
    return { n }
  }
} as unknown as Partial<Handlers>
const dispatch = createDispatch(handlers, { table, validateOutput: true })

describe('dispatch', () => {
  it('calls the handler with validated input', async () => {
    expect(await dispatch('t.echo', { n: 5 })).toEqual({ ok: true, value: { n: 5 } })
  })

  it('rejects unknown and unimplemented methods, including prototype names', async () => {
    expect(await dispatch('nope', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await dispatch('toString', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await dispatch('nothandled', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/not available/) }
    })
  })

  it('names the invalid field', async () => {
    const r = await dispatch('t.echo', { n: 1.5 })
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'n' } })
    const deep = await dispatch('t.echo', { n: 0, deep: { s: 3 } })
    expect(deep).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'deep.s', message: expect.stringMatching(/^deep\.s: /) }
    })
  })

  it('passes AppError through and hides stacks of other errors', async () => {
    expect(await dispatch('t.echo', { n: 1 })).toEqual({
      ok: false,
      error: { code: 'BAD_VALUE', message: 'f.nwb: /units: one is not allowed', file: 'f.nwb', field: '/units' }
    })
    const r = await dispatch('t.echo', { n: 2 })
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } })
    expect(JSON.stringify(r)).not.toMatch(/at .*\.ts/)
  })

  it('maps zod errors thrown by services and invalid outputs', async () => {
    expect(await dispatch('t.echo', { n: 4 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'model.tauExcMs' }
    })
    // a fit setting is named by its label in words, with its unit and bounds
    const steps = fitConfigSchema.safeParse({ optim: { steps: 2e7 } }).error!
    expect(zodToAppError(steps).toJSON()).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'optim.steps',
      message: 'Optimiser steps must be at most 10,000,000 steps (optim.steps)'
    })
    expect(await dispatch('t.echo', { n: 3 })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringMatching(/t\.echo returned an invalid result/) }
    })
  })
})
