// The advanced fit settings form, derived from the fit config schema (model-config.ts) so every field appears
// with its type, bounds and default, and nothing is duplicated by hand.
import { z } from 'zod';
import { fitConfigSchema } from '@shared/domain/model-config';
export const sections = ['model', 'loss', 'optim', 'engine'];
/** "tauExcMs" → "tau exc (ms)", "inputRateHz" → "input rate (Hz)". */
export function humanLabel(key) {
    const unit = /Ms$/.test(key) ? ' (ms)' : /Hz$/.test(key) ? ' (Hz)' : '';
    const base = key.replace(/(Ms|Hz)$/, '');
    const words = base.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
    return words + unit;
}
/** Every settings field of the fit config, section by section, in schema order. */
export function configFields() {
    const json = z.toJSONSchema(fitConfigSchema, { io: 'input', unrepresentable: 'any' });
    const out = [];
    for (const section of sections) {
        for (const [key, p] of Object.entries(json.properties[section].properties)) {
            const kind = p.enum
                ? 'enum'
                : p.type === 'boolean'
                    ? 'boolean'
                    : p.type === 'integer'
                        ? 'integer'
                        : p.type === 'array'
                            ? p.prefixItems
                                ? 'pair'
                                : 'list'
                            : 'number';
            const f = { section, key, label: humanLabel(key), kind, default: p.default };
            const min = p.minimum ?? p.exclusiveMinimum;
            const max = p.maximum ?? p.exclusiveMaximum;
            if (min !== undefined && Number.isFinite(min))
                f.min = min;
            if (max !== undefined && Number.isFinite(max))
                f.max = max;
            if (p.enum)
                f.options = p.enum;
            out.push(f);
        }
    }
    return out;
}
/** A full config with every default: the starting point of the form. */
export function defaultConfig() {
    return fitConfigSchema.parse({});
}
/** Deep-merges a partial preset over the defaults (sections are one level deep). */
export function withOverrides(overrides) {
    const base = defaultConfig();
    return {
        model: { ...base.model, ...overrides.model },
        loss: { ...base.loss, ...overrides.loss },
        optim: { ...base.optim, ...overrides.optim },
        engine: { ...base.engine, ...overrides.engine }
    };
}
