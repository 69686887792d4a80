/**
 * Lists, in increasing i < n, the neurons whose flag has the SPIKE bit (1) into spikes[listOff …] and those with
 * sp ≥ lo into active[listOff …] (flags and sp read at traceOff); counts[0] = spikes, counts[1] = active.
 * Branch-free (write, then advance by 0 or 1): ~18 % active neurons would make a branch mispredict.
 */
export function buildLists(n, flags, sp, traceOff, lo, spikes, active, listOff, counts) {
    let ns = 0;
    let na = 0;
    for (let i = 0; i < n; i++) {
        spikes[listOff + ns] = i;
        ns += flags[traceOff + i] & 1;
        active[listOff + na] = i;
        na += Number(sp[traceOff + i] >= lo);
    }
    counts[0] = ns;
    counts[1] = na;
}
