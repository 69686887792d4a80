import { AppError } from '@shared/contract/errors';
import { attrString, getNode, isGroup } from './h5/read';
import { nwbVersion } from './nwb/detect';
import { RSNN_FORMAT, RSNN_FORMAT_ATTR } from './rsnn-h5/layout';
/** Detects the format of an open HDF5 file; refuses NWB 1.x and unknown layouts (FORMAT_UNSUPPORTED). */
export function detectFormat(f, header, file) {
    const root = getNode(f, '/');
    if (attrString(root, RSNN_FORMAT_ATTR) === RSNN_FORMAT)
        return 'rsnn-h5';
    if (/^MATLAB 7\.3 MAT-file/.test(header.userBlock))
        return 'mat-v7.3';
    if (nwbVersion(f) !== null)
        return 'nwb';
    const hasMatVars = f.keys().some((k) => {
        const n = getNode(f, `/${k}`);
        return n !== null && attrString(n, 'MATLAB_class') !== undefined;
    });
    if (hasMatVars)
        return 'mat-v7.3';
    const kind = isGroup(root) ? `root groups: ${f.keys().join(', ') || 'none'}` : '';
    throw new AppError('FORMAT_UNSUPPORTED', `not an NWB 2.x, MATLAB v7.3 or RSNN Studio HDF5 file (${kind}; no nwb_version attribute)`, { file, field: '/@nwb_version' });
}
