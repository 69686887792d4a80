/** Merges the domains' handler tables; a method claimed twice is a programming error. */
export function mergeHandlers(instances) {
    const out = {};
    const owner = {};
    for (const { name, instance } of instances) {
        for (const [method, fn] of Object.entries(instance.handlers)) {
            if (owner[method])
                throw new Error(`handler for ${method} registered by both ${owner[method]} and ${name}`);
            owner[method] = name;
            out[method] = fn;
        }
    }
    return out;
}
/** Contract methods no domain serves yet (reported at start-up; calling one answers NOT_FOUND). */
export function missingHandlers(handlers, all) {
    return all.filter((m) => !Object.hasOwn(handlers, m));
}
