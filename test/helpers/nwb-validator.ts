// The independent NWB check: ../shared/tools/nwb-validate (HDMF validator from Debian's python3-hdmf against the
// official NWB 2.7.0 schema), or $RSNN_NWB_VALIDATE. Tests that write NWB files run it on each of them; where the
// validator or hdmf is absent they are skipped, saying why (.ci/run installs python3-hdmf).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

const PY = '/usr/bin/python3'
const script = process.env['RSNN_NWB_VALIDATE'] ?? resolve(__dirname, '../../../shared/tools/nwb-validate')

function whyUnavailable(): string | null {
  if (!existsSync(script)) return `the NWB validator ${script} is not there (set RSNN_NWB_VALIDATE)`
  if (spawnSync(PY, ['-c', 'import hdmf'], { encoding: 'utf8' }).status !== 0)
    return 'Debian python3-hdmf is not installed (apt-get install -y python3-hdmf)'
  return null
}

/** Null when the validator can run, else the reason the NWB validation tests are skipped. */
export const nwbValidatorMissing = whyUnavailable()
if (nwbValidatorMissing) console.log(`SKIPPED: NWB schema validation: ${nwbValidatorMissing}`)

/** Runs the validator on `files`; `ok` when every file has 0 errors. `report` is its full output. */
export function validateNwb(...files: string[]): { ok: boolean; report: string } {
  const r = spawnSync(PY, [script, ...files], { encoding: 'utf8' })
  const report = `${r.stdout}${r.stderr}`
  const clean = files.every((f) => report.includes(`${f}: 0 error(s)`))
  return { ok: r.status === 0 && clean, report }
}
