// An independent HDF5 reader as the judge of damaged files: Debian's h5py reads every dataset and attribute of
// each file. A file it reads without any error is a valid HDF5 file (its values may differ from the original's:
// where HDF5 keeps no checksum, no reader can tell); one it cannot read must not be imported by the app either.
import { spawnSync } from 'node:child_process'

const PY = '/usr/bin/python3'

const SCRIPT = `
import sys, json, h5py
out = {}
for path in sys.argv[1:]:
    errors = []
    try:
        with h5py.File(path, 'r') as f:
            def visit(name, obj):
                try:
                    for a in obj.attrs: obj.attrs[a]
                    if isinstance(obj, h5py.Dataset): obj[()]
                except Exception as e:
                    errors.append(name + ': ' + str(e))
            f.visititems(visit)
    except Exception as e:
        errors.append(str(e))
    out[path] = errors[0] if errors else None
print(json.dumps(out))
`

function whyUnavailable(): string | null {
  return spawnSync(PY, ['-c', 'import h5py'], { encoding: 'utf8' }).status === 0
    ? null
    : 'Debian python3-h5py is not installed'
}

/** Null when h5py can run, else why the oracle is not available. */
export const h5pyMissing = whyUnavailable()

/** Per file: null when h5py reads every dataset and attribute, else its first error. */
export function h5pyReadErrors(files: string[]): Record<string, string | null> {
  if (files.length === 0) return {}
  const r = spawnSync(PY, ['-c', SCRIPT, ...files], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 })
  if (r.status !== 0) throw new Error(`h5py oracle failed: ${r.stderr}`)
  return JSON.parse(r.stdout) as Record<string, string | null>
}
