// `npm test`: build, lint and format check, then unit + engine + integration tests, then browser end-to-end tests.
// Prints one closing line "N passed, N failed" over both runs (a lint or format failure counts as one failure).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env })

const built = run('node', ['scripts/ensure-built.mjs'])
if (built.status !== 0) process.exit(built.status ?? 1)

// Lint and format first: they take seconds, and a failure must fail the suite (it is reported, the tests still run).
let lintFailures = 0
for (const [name, script] of [
  ['lint', 'lint'],
  ['format', 'format:check']
]) {
  process.stdout.write(`\n=== ${name} ===\n`)
  if (run('npm', ['run', '--silent', script]).status !== 0) {
    lintFailures += 1
    process.stdout.write(`${name}: failed (npm run ${script === 'lint' ? 'lint' : 'format'} to see or fix it)\n`)
  }
}

const reports = mkdtempSync(join(tmpdir(), 'rsnn-test-'))
const suites = [
  [
    'unit+engine+integration',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/unit.json`]
  ],
  [
    'e2e',
    [
      'vitest',
      'run',
      '--config',
      'vitest.e2e.config.mts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reports}/e2e.json`
    ]
  ]
]
let passed = 0
let failed = lintFailures
let skipped = 0
let exit = lintFailures > 0 ? 1 : 0
for (const [name, args] of suites) {
  process.stdout.write(`\n=== ${name} ===\n`)
  const r = run('npx', args)
  if (r.status !== 0) exit = 1
  try {
    const json = JSON.parse(readFileSync(join(reports, `${name === 'e2e' ? 'e2e' : 'unit'}.json`), 'utf8'))
    passed += json.numPassedTests
    failed += json.numFailedTests
    skipped += json.numPendingTests + (json.numTodoTests ?? 0)
  } catch {
    exit = 1
    failed += 1
    process.stdout.write(`${name}: no report was written\n`)
  }
}
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
process.exit(exit || (failed > 0 ? 1 : 0))
