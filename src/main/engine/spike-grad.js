export function isFactored(g) {
    return !ArrayBuffer.isView(g);
}
/** Writes dL/dz[b, t, ·] (N values) into `row`. */
export function spikeGradRow(g, b, t, T, N, row) {
    if (!isFactored(g)) {
        const o = (b * T + t) * N;
        for (let i = 0; i < N; i++)
            row[i] = g[o + i];
        return;
    }
    const { shared, perGroup, members, start, groups: G } = g;
    // a loop rather than set(subarray): no view object per (trial, step)
    const so = t * N;
    for (let i = 0; i < N; i++)
        row[i] = shared[so + i];
    const o = (b * T + t) * G;
    for (let q = 0; q < G; q++) {
        const v = perGroup[o + q];
        if (v === 0)
            continue;
        for (let m = start[q]; m < start[q + 1]; m++)
            row[members[m]] += v;
    }
}
/** The dense B × T × N float32 form (tests, and backends that take a dense gradient). */
export function denseSpikeGrad(g, B, T, N) {
    if (!isFactored(g))
        return g instanceof Float32Array ? g : Float32Array.from(g);
    const out = new Float32Array(B * T * N);
    const row = new Float64Array(N);
    for (let b = 0; b < B; b++) {
        for (let t = 0; t < T; t++) {
            spikeGradRow(g, b, t, T, N, row);
            out.set(row, (b * T + t) * N);
        }
    }
    return out;
}
