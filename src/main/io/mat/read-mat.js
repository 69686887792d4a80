import { AppError } from '@shared/contract/errors';
import { isGroup } from '../h5/read';
import { readCellExplorer, isCellExplorer } from './cell-explorer';
import { isEsmaeili, readEsmaeili } from './esmaeili';
import { matClass } from './mat73';
/** Reads an open MATLAB v7.3 file. Unknown layouts are refused naming what was looked for. */
export function readMat(f, file) {
    const vars = f.keys().filter((k) => k !== '#refs#' && k !== '#subsystem#');
    for (const v of vars) {
        const g = f.get(v);
        if (!isGroup(g) || matClass(g) !== 'struct')
            continue;
        if (isEsmaeili(g))
            return { file, format: 'mat-v7.3', sessions: readEsmaeili(f, g, file), warnings: [] };
        if (isCellExplorer(g))
            return { file, format: 'mat-v7.3', sessions: [readCellExplorer(f, g, file)], warnings: [] };
    }
    throw new AppError('FORMAT_UNSUPPORTED', `MATLAB file layout not recognised (variables: ${vars.join(', ') || 'none'}): expected a struct with spikets and TrialOnsets_All (Esmaeili et al. 2021) or cell_metrics (CellExplorer)`, { file, field: '/' });
}
