/** Binned behaviour becomes a per-trial series sampled at the bin centres (rebinning at the same bins is exact). */
export function sessionsToRaw(sessions) {
    return sessions.map((s) => {
        const align = Float64Array.from(s.trials, (t) => t.alignTime);
        const behaviour = {};
        for (const [name, v] of Object.entries(s.behaviour)) {
            behaviour[name] = {
                kind: 'per-trial',
                t0: s.binning.start + s.binning.dt / 2,
                rate: 1 / s.binning.dt,
                nFrames: s.nBins,
                values: Float64Array.from(v),
                trialRef: align,
                unit: ''
            };
        }
        return {
            name: s.name,
            sourceFile: s.sourceFile,
            units: {
                ids: s.units.map((u) => u.sourceId),
                spikeTimes: s.spikeTimes,
                areaSources: { area: s.units.map((u) => u.area) },
                typeLabels: s.units.map((u) => u.type),
                columns: ['source_id', 'area', 'type', 'firing_rate_hz', 'spike_times']
            },
            trials: {
                n: s.trials.length,
                startTime: align,
                columns: {
                    outcome: s.trials.map((t) => t.outcome),
                    stimulus: Float64Array.from(s.trials, (t) => t.stimulus),
                    align_time: align,
                    source_index: Float64Array.from(s.trials, (t) => t.sourceIndex)
                },
                timeColumns: ['align_time', 'start_time'],
                relativeColumns: [],
                path: '/sessions/trials',
                binningHint: s.binning
            },
            behaviour,
            warnings: []
        };
    });
}
