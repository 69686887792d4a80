// In-silico optogenetics (spec §2.1 light_neuron, §5.5): what one perturbation is — which neurons of which areas
// are driven, when (s relative to the alignment event) and how hard — as one schema for engine, CLI and UI.
import { z } from 'zod'

/** Which neurons of the target areas the light reaches. */
export const lightPopulations = ['inh', 'exc', 'all'] as const
export type LightPopulation = (typeof lightPopulations)[number]

/** Defaults of the reference (20 × threshold, 100 Hz sine with ramps, 51 % of the inhibitory neurons). */
export const LIGHT_DEFAULTS = { strength: 20, frequencyHz: 100, rampS: 0.05, fraction: 0.51 } as const

export const perturbationSchema = z
  .object({
    /** Target areas (names of the model's areas); every one gets the same light. */
    areas: z.array(z.string().min(1)).min(1),
    /** 'inh' = the light-sensitive inhibitory neurons (silencing, the default); 'exc' or 'all' drive those instead. */
    population: z.enum(lightPopulations).default('inh'),
    /** [t0, t1) in s relative to the alignment event; parts outside the simulated trial are ignored. */
    window: z.tuple([z.number(), z.number()]).refine((w) => w[1] > w[0], 'window end must be after its start'),
    /** Peak current in units of the rest-to-threshold distance (thr − v_rest0 = thr in the reference). */
    strength: z.number().min(0).max(1000).default(LIGHT_DEFAULTS.strength),
    /** 'const' = a step; 'sine' = ½(1 − cos 2πf(t − t0)), light intensity oscillating between 0 and the peak. */
    waveform: z.enum(['const', 'sine']).default('sine'),
    frequencyHz: z.number().positive().max(10000).default(LIGHT_DEFAULTS.frequencyHz),
    /** Linear onset and offset ramps of the envelope, s (0 = none). */
    rampS: z.number().min(0).max(10).default(LIGHT_DEFAULTS.rampS),
    /** Fraction of each target population that is light-sensitive (the model's own subset, nested in f). */
    fraction: z.number().min(0).max(1).default(LIGHT_DEFAULTS.fraction)
  })
  .strict()
export type Perturbation = z.infer<typeof perturbationSchema>
export type PerturbationInput = z.input<typeof perturbationSchema>
