/**
 * For i < n: agvn = α_i·gVNext_i; dL/dz_i = ((gz_i + gs_i) − reset_i·agvn) + gr·wJaw_i (loss + recurrent +
 * reset + jaw terms); gz_i = 0; gV = agvn + sp_i·dL/dz_i; sumGV_i += gV; sumGVEta_i += gV·eta_i;
 * delta_i = (1 − α_i)·gV; gVNext_i = gV. gz, sp, eta and delta are the backend's floats, the rest float64.
 */
export function adjointRow(n, gz, gzOff, gs, reset, alpha, gVNext, wJaw, gr, sp, eta, traceOff, sumGV, sumGVEta, delta) {
    for (let i = 0; i < n; i++) {
        const a = alpha[i];
        const agvn = a * gVNext[i];
        const g = gz[gzOff + i] + gs[i] - reset[i] * agvn + gr * wJaw[i];
        gz[gzOff + i] = 0;
        const gV = agvn + sp[traceOff + i] * g;
        sumGV[i] += gV;
        sumGVEta[i] += gV * eta[traceOff + i];
        delta[i] = (1 - a) * gV;
        gVNext[i] = gV;
    }
}
