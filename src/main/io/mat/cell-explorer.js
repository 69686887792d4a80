import { basename } from 'node:path';
import { getNode } from '../h5/read';
import { checkTrains, nonEmptyUnits } from '../spike-checks';
import { matCellNumbers, matNumbers, matStrings } from './mat73';
export function isCellExplorer(g) {
    return g.keys().includes('spikes') && g.keys().includes('brainRegion');
}
/** Reads cell_metrics into one session without trials. */
export function readCellExplorer(f, g, file) {
    const warnings = [];
    const timesNode = getNode(f, `${g.path}/spikes/times`);
    const trains = timesNode ? matCellNumbers(f, timesNode) : [];
    const U = trains.length;
    const strings = (name) => {
        const n = getNode(f, `${g.path}/${name}`);
        const v = n ? matStrings(f, n) : [];
        return v.length === U ? v : Array(U).fill('');
    };
    const uidNode = getNode(f, `${g.path}/UID`);
    const uid = uidNode ? matNumbers(f, uidNode) : null;
    const ids = Array.from({ length: U }, (_, u) => (uid && uid.length === U ? uid[u] : u + 1));
    const where = { file: f.filename, field: `${g.path}/spikes/times` };
    const checked = checkTrains(trains, ids, where, warnings);
    const kept = nonEmptyUnits(checked, ids, where, warnings);
    const areas = strings('brainRegion');
    const types = strings('putativeCellType');
    warnings.push('no trials in a CellExplorer cell_metrics file: trials cannot be binned');
    const sessionName = strings('sessionName')[0] || basename(file).replace(/\..*$/, '');
    return {
        name: sessionName,
        sourceFile: file,
        units: {
            ids: kept.map((u) => ids[u]),
            spikeTimes: kept.map((u) => checked[u]),
            areaSources: { brainRegion: kept.map((u) => areas[u]) },
            typeLabels: kept.map((u) => types[u]),
            columns: g.keys()
        },
        trials: null,
        behaviour: {},
        warnings
    };
}
