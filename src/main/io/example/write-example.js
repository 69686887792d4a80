// Writes the example dataset as NWB files (one per session) plus its ground truth as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeNwb } from '../nwb/write-nwb';
import { generateExample } from './generate';
/** Ground truth as plain JSON (typed arrays → arrays, NaN → null). */
export function truthJson(truth) {
    return JSON.stringify(truth, (_k, v) => {
        if (ArrayBuffer.isView(v))
            return Array.from(v);
        if (typeof v === 'number' && !Number.isFinite(v))
            return null;
        return v;
    });
}
/** Generates and writes `dir/pseudo-session-<i>.nwb` and `dir/truth.json`; returns the NWB paths. */
export async function writeExampleFiles(dir, options = {}) {
    mkdirSync(dir, { recursive: true });
    const ex = generateExample(options);
    const files = [];
    for (const input of ex.nwb) {
        const path = join(dir, `${input.identifier}.nwb`);
        await writeNwb(path, input);
        files.push(path);
    }
    writeFileSync(join(dir, 'truth.json'), truthJson(ex.truth));
    return files;
}
