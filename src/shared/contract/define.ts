// Typed RPC building blocks: a method is an input schema and an output schema.
import type { z } from 'zod'

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodDef<I, O> {
  return { input, output }
}

export type MethodTable = Record<string, MethodDef>
export type InputOf<M extends MethodDef> = z.input<M['input']>
export type OutputOf<M extends MethodDef> = z.output<M['output']>

/** The renderer-facing API derived from a method table: one async function per method. */
export type ApiOf<T extends MethodTable> = {
  [K in keyof T]: (input: InputOf<T[K]>) => Promise<OutputOf<T[K]>>
}

/** Main-side handlers: receive validated input. */
export type HandlersOf<T extends MethodTable> = {
  [K in keyof T]: (input: z.output<T[K]['input']>) => Promise<OutputOf<T[K]>> | OutputOf<T[K]>
}
