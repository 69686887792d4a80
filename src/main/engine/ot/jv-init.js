// Jonker–Volgenant initialisation of a linear assignment: a partial matching and column potentials v such that the
// reduced costs c_ij − v_j − u_i are ≥ 0 with u_i = min_j (c_ij − v_j), and every matched pair attains its row's
// min. The shortest-augmenting-path phase (jv-augment.ts) completes any such state exactly, so every step here is
// optional.
/**
 * Square problems only: v_j = min_i c_ij, each column goes to its minimising row if that row has none yet; then a row
 * holding exactly one column hands its slack to that column (reduction transfer). Returns the free rows, in order.
 */
export function columnReduction(s) {
    const { c, n, m, v, rowSol, colSol } = s;
    const argMin = new Int32Array(m);
    v.fill(Infinity);
    // Row-major sweep keeps the reads sequential; strict < keeps the first minimising row, as a column scan would.
    for (let i = 0; i < n; i++) {
        const ri = i * m;
        for (let j = 0; j < m; j++) {
            const h = c[ri + j];
            if (h < v[j]) {
                v[j] = h;
                argMin[j] = i;
            }
        }
    }
    const matches = new Int32Array(n);
    for (let j = m - 1; j >= 0; j--) {
        const i = argMin[j];
        if (matches[i]++ === 0) {
            rowSol[i] = j;
            colSol[j] = i;
        }
    }
    const free = new Int32Array(n);
    let numFree = 0;
    for (let i = 0; i < n; i++) {
        if (matches[i] === 0) {
            free[numFree++] = i;
            continue;
        }
        if (matches[i] > 1 || m < 2)
            continue;
        const j1 = rowSol[i];
        const ri = i * m;
        let slack = Infinity;
        for (let j = 0; j < m; j++) {
            if (j === j1)
                continue;
            const h = c[ri + j] - v[j];
            if (h < slack)
                slack = h;
        }
        v[j1] -= slack;
    }
    return free.subarray(0, numFree);
}
/**
 * Augmenting row reduction, one pass over `free` (rewritten in place): each free row takes its cheapest column under
 * v, lowering that column's potential to the row's second-cheapest value; a row it displaces is retried at once when
 * the potential strictly fell, otherwise kept for the next pass. The classical procedure has no polynomial bound and
 * can trade a column back and forth by ever smaller steps, so the pass stops early (always safe) when a window of
 * `window` visits frees fewer than `minGain` rows; a pass thus makes at most window·(n / minGain + 1) visits.
 * Returns the rows still free.
 */
export function augmentingRowReduction(s, free, window, minGain) {
    const { c, m, v, rowSol, colSol } = s;
    const pending = free.length;
    let k = 0;
    let numFree = 0;
    let visits = 0;
    let freeAtCheck = pending;
    while (k < pending) {
        if (++visits % window === 0) {
            const stillFree = pending - k + numFree;
            if (freeAtCheck - stillFree < minGain) {
                while (k < pending)
                    free[numFree++] = free[k++];
                break;
            }
            freeAtCheck = stillFree;
        }
        const i = free[k++];
        const ri = i * m;
        let uMin = c[ri] - v[0];
        let j1 = 0;
        let uSub = Infinity;
        let j2 = -1;
        for (let j = 1; j < m; j++) {
            const h = c[ri + j] - v[j];
            if (h < uSub) {
                if (h >= uMin) {
                    uSub = h;
                    j2 = j;
                }
                else {
                    uSub = uMin;
                    j2 = j1;
                    uMin = h;
                    j1 = j;
                }
            }
        }
        let i0 = colSol[j1];
        // uSub is finite whenever m ≥ 2; with one column there is nothing to lower.
        const fell = uMin < uSub && j2 >= 0;
        if (fell)
            v[j1] -= uSub - uMin;
        else if (i0 >= 0 && j2 >= 0) {
            j1 = j2;
            i0 = colSol[j2];
        }
        if (i0 >= 0)
            rowSol[i0] = -1;
        rowSol[i] = j1;
        colSol[j1] = i;
        if (i0 < 0)
            continue;
        // numFree ≤ k always holds, so both writes land on slots already read.
        if (fell)
            free[--k] = i0;
        else
            free[numFree++] = i0;
    }
    return free.subarray(0, numFree);
}
