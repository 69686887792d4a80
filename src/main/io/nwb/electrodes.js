import { AppError } from '@shared/contract/errors';
import { attrReference, getNode, isDataset, isGroup, readNumbers, refPath } from '../h5/read';
import { mostCommon, parseArea } from '../labels';
import { splitRagged } from './ragged';
import { colPath, hasColumn, isRagged, openTable, readIds, readPlainColumn } from './table';
const DEFAULT_ELECTRODES = '/general/extracellular_ephys/electrodes';
/** The electrodes table a units table points at (its `electrodes.table` reference), else the default path. */
function electrodesTable(units) {
    const region = units.group.get('electrodes');
    const ref = isDataset(region) ? attrReference(region, 'table') : undefined;
    const target = ref ? refPath(units.f, ref) : null;
    const path = target ?? DEFAULT_ELECTRODES;
    return isGroup(getNode(units.f, path)) ? openTable(units.f, path) : null;
}
function locations(t) {
    const loc = readPlainColumn(t, 'location');
    return Array.isArray(loc) ? loc.map(parseArea) : null;
}
/**
 * Areas via `units/electrodes` (0-based electrode rows, ragged with `electrodes_index` or one per unit): the most
 * common parsed location among a unit's electrodes. Null when the file has no such column or no locations.
 */
export function areasFromRegion(units, unitIds) {
    if (!hasColumn(units, 'electrodes'))
        return null;
    const table = electrodesTable(units);
    const locs = table ? locations(table) : null;
    if (!table || !locs)
        return null;
    const f = units.f;
    const field = colPath(units, 'electrodes');
    const rows = readNumbers(f, field);
    const perUnit = isRagged(units, 'electrodes')
        ? splitRagged(rows, readNumbers(f, `${field}_index`), { file: f.filename, field: `${field}_index`, dataPath: field })
        : Array.from(rows, (r) => Float64Array.of(r));
    if (perUnit.length !== unitIds.length) {
        throw new AppError('SHAPE_MISMATCH', `${perUnit.length} electrode rows for ${unitIds.length} units`, {
            file: f.filename,
            field
        });
    }
    return perUnit.map((rs, u) => {
        for (const r of rs) {
            if (!Number.isInteger(r) || r < 0 || r >= locs.length) {
                throw new AppError('INDEX_OUT_OF_RANGE', `electrode row ${r} of unit ${unitIds[u]} is out of range: the electrodes table ${table.path} has ${locs.length} rows`, { file: f.filename, field });
            }
        }
        return mostCommon(Array.from(rs, (r) => locs[r]));
    });
}
/**
 * Areas via an id join: units column `column` (e.g. Allen `peak_channel_id`) matched against electrodes `id`.
 * Units whose id is not in the table get ''. Null when either side is missing.
 */
export function areasFromIdJoin(units, column) {
    const keys = readPlainColumn(units, column);
    if (!(keys instanceof Float64Array))
        return null;
    const table = isGroup(getNode(units.f, DEFAULT_ELECTRODES)) ? openTable(units.f, DEFAULT_ELECTRODES) : null;
    const locs = table ? locations(table) : null;
    if (!table || !locs)
        return null;
    const ids = readIds(table);
    const byId = new Map(ids.map((id, i) => [id, locs[i]]));
    return Array.from(keys, (k) => byId.get(k) ?? '');
}
