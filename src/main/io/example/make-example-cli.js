// `node out/main/make-example.js --out DIR --seed S`: regenerates the bundled example NWB files.
import { resolve } from 'node:path';
import { toAppErrorData } from '@shared/contract/errors';
import { writeExampleFiles } from './write-example';
function arg(name) {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
}
async function main() {
    const out = resolve(arg('out') ?? 'resources/example');
    const seed = Number(arg('seed') ?? 1);
    if (!Number.isInteger(seed))
        throw new Error(`--seed must be an integer (got ${arg('seed')})`);
    const files = await writeExampleFiles(out, { seed });
    process.stdout.write(`${files.join('\n')}\n`);
}
main().catch((err) => {
    process.stderr.write(`${JSON.stringify(toAppErrorData(err))}\n`);
    process.exit(1);
});
