export function makeSession(spec = {}, seed = 1) {
    const U = spec.units ?? 6;
    const K = spec.trials ?? 20;
    const T = spec.nBins ?? 40;
    const dt = spec.dt ?? 0.002;
    const start = spec.start ?? -0.02;
    let s = seed;
    const rand = () => {
        s = (s * 1103515245 + 12345) % 2147483648;
        return s / 2147483648;
    };
    const spikes = new Uint8Array(K * T * U);
    for (let i = 0; i < spikes.length; i++)
        spikes[i] = rand() < 0.05 ? 1 : 0;
    const behaviour = {};
    if (spec.jaw !== false) {
        const jaw = new Float32Array(K * T);
        for (let k = 0; k < K; k++)
            for (let t = 0; t < T; t++)
                jaw[k * T + t] = 2 + k * 0.01 + (t > T / 2 ? rand() : 0);
        behaviour['jaw'] = jaw;
    }
    return {
        name: spec.name ?? `s${seed}`,
        sourceFile: `/tmp/${spec.name ?? `s${seed}`}.nwb`,
        units: Array.from({ length: U }, (_, u) => ({
            sourceId: u,
            area: u < U / 2 ? 'area1' : 'area2',
            type: u % 3 === 2 ? 'I' : u % 3 === 1 ? 'unknown' : 'E',
            firingRateHz: 5
        })),
        trials: Array.from({ length: K }, (_, k) => ({
            sourceIndex: k,
            outcome: spec.outcomes?.[k] ?? (k % 5 === 0 ? 'Miss' : 'Hit'),
            stimulus: k % 5 === 0 ? 0 : 4,
            alignTime: 10 + k
        })),
        binning: { dt, start, stop: start + T * dt },
        nBins: T,
        spikes,
        spikeTimes: Array.from({ length: U }, () => new Float64Array(0)),
        behaviour
    };
}
