// Minimal NWB 2.x writer (Units with ragged spike times + columns, trials TimeIntervals, behaviour TimeSeries in a
// processing module). Used for the bundled example; deterministic for a given input (object ids hashed from paths).
import { createHash, randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '@shared/contract/errors';
import { h5lib } from '../h5/h5lib';
export const NWB_VERSION = '2.7.0';
function uuidFor(seed) {
    const h = createHash('sha256').update(seed).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
function typed(node, type, ns, id) {
    node.create_attribute('namespace', ns);
    node.create_attribute('neurodata_type', type);
    node.create_attribute('object_id', uuidFor(`${id}:${node.path}`));
}
/** Chunked gzip for non-empty numeric arrays (the example must stay small); text is written plain. */
function dataset(g, name, data) {
    if (Array.isArray(data) || data.length < 64)
        return g.create_dataset({ name, data });
    return g.create_dataset({ name, data, chunks: [Math.min(data.length, 16384)], compression: 'gzip', compression_opts: 6 });
}
function column(g, name, c, id) {
    const d = dataset(g, name, c.data);
    d.create_attribute('description', c.description);
    typed(d, 'VectorData', 'hdmf-common', id);
}
function table(g, cols, description) {
    g.create_attribute('colnames', cols);
    g.create_attribute('description', description);
}
function writeUnits(f, u, id) {
    const g = f.create_group('units');
    typed(g, 'Units', 'core', id);
    table(g, ['spike_times', ...Object.keys(u.columns)], 'units sorted from the recording');
    typed(dataset(g, 'id', Int32Array.from(u.ids)), 'ElementIdentifiers', 'hdmf-common', id);
    const total = u.spikeTimes.reduce((a, s) => a + s.length, 0);
    const flat = new Float64Array(total);
    const ends = new Int32Array(u.spikeTimes.length);
    let at = 0;
    u.spikeTimes.forEach((s, i) => {
        flat.set(s, at);
        at += s.length;
        ends[i] = at;
    });
    column(g, 'spike_times', { data: flat, description: 'spike times of each unit, s' }, id);
    const idx = dataset(g, 'spike_times_index', ends);
    idx.create_attribute('description', 'index into spike_times');
    idx.create_attribute('target', g.get('spike_times').create_reference());
    typed(idx, 'VectorIndex', 'hdmf-common', id);
    for (const [name, c] of Object.entries(u.columns))
        column(g, name, c, id);
}
function writeTrials(f, t, id) {
    const intervals = f.get('intervals');
    const g = intervals.create_group('trials');
    typed(g, 'TimeIntervals', 'core', id);
    table(g, ['start_time', 'stop_time', ...Object.keys(t.columns)], 'experimental trials');
    for (const [k, v] of Object.entries(t.numericAttrs ?? {}))
        g.create_attribute(k, Float64Array.from(v), [v.length], '<d');
    typed(dataset(g, 'id', Int32Array.from(t.start, (_, i) => i)), 'ElementIdentifiers', 'hdmf-common', id);
    column(g, 'start_time', { data: t.start, description: 'start of each trial, s' }, id);
    column(g, 'stop_time', { data: t.stop, description: 'end of each trial, s' }, id);
    for (const [name, c] of Object.entries(t.columns))
        column(g, name, c, id);
}
function writeSeries(f, s, id) {
    const processing = f.get('processing');
    const mod = processing.get(s.module) ?? processing.create_group(s.module);
    if (!mod.attrs['neurodata_type']) {
        mod.create_attribute('description', `${s.module} data`);
        typed(mod, 'ProcessingModule', 'core', id);
    }
    const iface = mod.get(s.interface) ?? mod.create_group(s.interface);
    if (!iface.attrs['neurodata_type'])
        typed(iface, s.interface, 'core', id);
    const g = iface.create_group(s.name);
    typed(g, 'TimeSeries', 'core', id);
    g.create_attribute('description', s.description);
    g.create_attribute('comments', 'no comments');
    const d = dataset(g, 'data', s.data);
    d.create_attribute('unit', s.unit);
    d.create_attribute('conversion', s.conversion ?? 1, null, '<f');
    d.create_attribute('offset', s.offset ?? 0, null, '<f');
    d.create_attribute('resolution', -1, null, '<f');
    if (s.timestamps) {
        const ts = dataset(g, 'timestamps', s.timestamps);
        ts.create_attribute('interval', 1, null, '<i');
        ts.create_attribute('unit', 'seconds');
    }
    else {
        const st = g.create_dataset({ name: 'starting_time', data: s.startingTime ?? 0, dtype: '<d' });
        st.create_attribute('rate', s.rate ?? 1, null, '<f');
        st.create_attribute('unit', 'seconds');
    }
}
/** Writes one session as an NWB 2.x file at `path` (temp file + rename, so it appears only when complete). */
export async function writeNwb(path, input) {
    const h5 = await h5lib();
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const id = input.identifier;
    try {
        const f = new h5.File(tmp, 'w');
        try {
            f.create_attribute('namespace', 'core');
            f.create_attribute('neurodata_type', 'NWBFile');
            f.create_attribute('nwb_version', NWB_VERSION);
            f.create_attribute('object_id', uuidFor(`${id}:/`));
            f.create_dataset({ name: 'identifier', data: input.identifier });
            f.create_dataset({ name: 'session_description', data: input.description });
            f.create_dataset({ name: 'session_start_time', data: input.sessionStart });
            f.create_dataset({ name: 'timestamps_reference_time', data: input.sessionStart });
            f.create_dataset({ name: 'file_create_date', data: [input.sessionStart] });
            for (const g of ['acquisition', 'analysis', 'general', 'intervals', 'processing', 'stimulus'])
                f.create_group(g);
            f.get('stimulus').create_group('presentation');
            f.get('stimulus').create_group('templates');
            writeUnits(f, input.units, id);
            if (input.trials)
                writeTrials(f, input.trials, id);
            for (const s of input.timeSeries ?? [])
                writeSeries(f, s, id);
        }
        finally {
            f.close();
        }
        renameSync(tmp, path);
    }
    catch (err) {
        rmSync(tmp, { force: true });
        throw err instanceof AppError ? err : new AppError('IO_ERROR', `could not write NWB file (${err.message})`, { file: path });
    }
}
