import { createTrainer } from '../engine/index';
import { buildComparison } from '../export/analysis/compare';
import { connectivity } from '../export/analysis/connectivity';
import { generatedStimuli, heldOutRows } from '../export/analysis/trial-rows';
import { RunLoader } from '../export/run-loader';
/** Cached entries kept (each holds a few MB of typed arrays at most). */
const CACHE_SIZE = 8;
export class ComparisonsService {
    loader;
    cache = new Map();
    constructor(loader) {
        this.loader = loader;
    }
    async variability(req) {
        return (await this.views(req)).variability;
    }
    async behaviour(req) {
        return (await this.views(req)).behaviour;
    }
    async connectivity(req) {
        const step = this.loader.checkpointOf(req.runId, req.checkpoint).step;
        return this.cached(`conn:${req.runId}:${step}`, async () => {
            const run = await this.loader.load(req.runId, step);
            return { runId: run.runId, checkpointStep: run.step, areas: run.params.areas, ...connectivity(run.params) };
        });
    }
    /** Curves (per step) and held-out evaluations of each run, as typed arrays; NaN where a value is missing. */
    runs(req) {
        return {
            runs: req.runIds.map((id) => {
                const { summary } = this.loader.runs.get(id);
                const curves = this.loader.runs.curves(id, 2000);
                const evals = this.loader.runs.evaluations(id);
                const f32 = (xs) => Float32Array.from(xs, (x) => x ?? NaN);
                const keys = ['t_trial_pearson', 't_trial_pearson_ceiling', 'psth_pearson', 'psth_pearson_ceiling', 'jaw_pearson', 'lick_accuracy', 'eval_loss'];
                const latest = {};
                for (const k of keys) {
                    const v = summary.metrics?.[k];
                    if (typeof v === 'number')
                        latest[k] = v;
                }
                return {
                    runId: id,
                    name: summary.name,
                    status: summary.status,
                    steps: Int32Array.from(curves.step),
                    total: f32(curves.total),
                    psth: f32(curves.psth),
                    trial: f32(curves.trial),
                    evalSteps: Int32Array.from(evals, (e) => e.step),
                    evalMetrics: Object.fromEntries(keys.map((k) => [k, f32(evals.map((e) => e.metrics[k]))])),
                    latest
                };
            })
        };
    }
    /** Both views of one request, computed together (they share the simulation, classification and pairs). */
    async views(req) {
        const step = this.loader.checkpointOf(req.runId, req.checkpoint).step;
        const key = `views:${req.runId}:${step}:${req.generatedPerTrial}:${req.seed}`;
        return this.cached(key, async () => {
            const run = await this.loader.load(req.runId, step);
            const rows = heldOutRows(run.data);
            const trainer = await createTrainer(run.data, run.config, run.state);
            try {
                const sim = await trainer.simulate(generatedStimuli(rows, req.generatedPerTrial), req.seed);
                const tTrial = await tTrialOf(run, () => trainer.evaluate());
                return buildComparison({ runId: run.runId, checkpointStep: run.step, data: run.data, params: run.params, config: run.config, rows, sim, tTrial });
            }
            finally {
                await trainer.dispose();
            }
        });
    }
    /** Memoises by key (in-flight requests are shared); evicts the oldest entry beyond CACHE_SIZE. */
    cached(key, make) {
        const hit = this.cache.get(key);
        if (hit)
            return hit;
        const p = make();
        this.cache.set(key, p);
        p.catch(() => this.cache.delete(key));
        while (this.cache.size > CACHE_SIZE)
            this.cache.delete(this.cache.keys().next().value);
        return p;
    }
}
/** T'trial at the checkpoint: the stored evaluation of that step, else a fresh held-out evaluation. */
async function tTrialOf(run, evaluate) {
    const m = run.metrics;
    if (m && m.t_trial_pearson !== null && m.t_trial_pearson_ceiling !== null)
        return { value: m.t_trial_pearson, ceiling: m.t_trial_pearson_ceiling };
    const e = await evaluate();
    return { value: e.t_trial_pearson, ceiling: e.t_trial_pearson_ceiling };
}
export const comparisonsDomain = {
    name: 'comparisons',
    create: (ctx) => {
        const service = new ComparisonsService(new RunLoader(ctx));
        const handlers = {
            'comparisons.variability': (input) => service.variability(input),
            'comparisons.behaviour': (input) => service.behaviour(input),
            'comparisons.connectivity': (input) => service.connectivity(input),
            'comparisons.runs': (input) => service.runs(input)
        };
        return { handlers };
    }
};
