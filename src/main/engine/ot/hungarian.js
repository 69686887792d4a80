// Exact rectangular linear assignment: Jonker–Volgenant (initial reductions, then shortest augmenting paths with
// dual potentials), O(n²·m) in the worst case and far less on dense random costs.
import { AppError } from '@shared/contract/errors';
import { augmentRow, augmentScratch } from './jv-augment';
import { augmentingRowReduction, columnReduction } from './jv-init';
/**
 * Augmenting row reduction stops once a window of ARR_WINDOW row visits frees fewer than ARR_MIN_GAIN rows: a visit
 * costs m operations and a shortest-path augmentation some 15–30·m on trial-matching costs (measured at
 * n = 150–200), so below that rate the augmentations are cheaper.
 */
const ARR_WINDOW = 32;
const ARR_MIN_GAIN = 2;
/**
 * Minimum-cost assignment on a row-major nRows × nCols cost matrix (any finite reals, ties allowed). Every row is
 * matched when nRows ≤ nCols, every column otherwise. Throws AppError (BAD_VALUE) on NaN or infinite costs.
 */
export function hungarian(cost, nRows, nCols) {
    if (cost.length < nRows * nCols) {
        throw new Error(`hungarian: cost has ${cost.length} < ${nRows}×${nCols} entries`);
    }
    const transposed = nRows > nCols;
    const c = denseCopy(cost, nRows, nCols, transposed);
    if (!transposed)
        return solve(c, nRows, nCols);
    const t = solve(c, nCols, nRows);
    return { rowToCol: t.colToRow, colToRow: t.rowToCol, cost: t.cost };
}
/** The costs as a fresh row-major Float64Array, transposed when asked, checked finite in the caller's order. */
function denseCopy(cost, nRows, nCols, transposed) {
    const c = new Float64Array(nRows * nCols);
    for (let r = 0; r < nRows; r++) {
        const base = r * nCols;
        for (let q = 0; q < nCols; q++) {
            const x = cost[base + q];
            if (!Number.isFinite(x)) {
                throw new AppError('BAD_VALUE', `cost matrix entry ${base + q} is ${x}`, { field: 'trial-matching cost' });
            }
            c[transposed ? q * nRows + r : base + q] = x;
        }
    }
    return c;
}
/** Core for n ≤ m on a dense row-major matrix. */
function solve(c, n, m) {
    const s = {
        c,
        n,
        m,
        v: new Float64Array(m),
        rowSol: new Int32Array(n).fill(-1),
        colSol: new Int32Array(m).fill(-1)
    };
    // Column reduction sets every v_j, which is only dual-optimal when all columns end up matched (n = m); a wide
    // problem starts from v = 0, which free columns then keep.
    let free = n === m ? columnReduction(s) : Int32Array.from({ length: n }, (_, i) => i);
    for (let pass = 0; pass < 2 && free.length > 0; pass++) {
        free = augmentingRowReduction(s, free, ARR_WINDOW, ARR_MIN_GAIN);
    }
    if (free.length > 0) {
        const scratch = augmentScratch(m);
        for (const f of free)
            augmentRow(s, f, scratch);
    }
    let total = 0;
    for (let i = 0; i < n; i++)
        total += c[i * m + s.rowSol[i]];
    return { rowToCol: s.rowSol, colToRow: s.colSol, cost: total };
}
