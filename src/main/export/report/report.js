// The report export: builds every table (CSV) and figure (SVG) of a run from the comparisons API in memory, then
// writes them into their folders all-or-nothing (checked first, temp files, renamed into place together).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planOutputs, writeAtomically } from '../atomic-output';
import { toCsv } from './csv';
import { reportFigures } from './figures';
import { reportTables } from './tables';
/** Computes the views of the run (one simulation, shared by variability and behaviour) and renders every file. */
export async function buildReport(api, req) {
    const view = { runId: req.runId, checkpoint: req.checkpoint, seed: req.seed };
    const variability = await api['comparisons.variability'](view);
    const behaviour = await api['comparisons.behaviour'](view);
    const run = (await api['comparisons.runs']({ runIds: [req.runId] })).runs[0];
    const connectivity = await api['comparisons.connectivity']({ runId: req.runId, checkpoint: req.checkpoint });
    const files = [];
    if (req.tablesDir !== undefined) {
        for (const t of reportTables(variability, behaviour, connectivity, run))
            files.push({ path: join(req.tablesDir, `${t.name}.csv`), text: toCsv(t), kind: 'table' });
    }
    if (req.figuresDir !== undefined) {
        for (const f of reportFigures(variability, behaviour, connectivity, run))
            files.push({ path: join(req.figuresDir, `${f.name}.svg`), text: f.svg, kind: 'figure' });
    }
    return { checkpointStep: variability.checkpointStep, files };
}
/** Writes the files all-or-nothing; refuses a missing/read-only folder or a name clash (unless `force`). */
export async function writeReport(files, force) {
    const plan = planOutputs(files.map((f) => f.path), force);
    await writeAtomically(plan, async (temps) => {
        temps.forEach((t, i) => writeFileSync(t, files[i].text, 'utf8'));
    });
}
