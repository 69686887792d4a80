// The CLI command table. Other domains add theirs here with one line each (fit, runs, eval, resume, export).
import type { CliCommand } from './command'
import { datasetsCommand, showCommand } from './datasets'
import { importCommand } from './import'
import { evalCommand } from './eval'
import { exportCommand, importModelCommand } from './export'
import { fitCommand } from './fit'
import { resumeCommand } from './resume'
import { experimentsCommand, perturbCommand } from './perturb'
import { runsCommand } from './runs'
import { sweepCommand } from './sweep'
import { sweepStatusCommand } from './sweep-status'
import { sweepTaskCommand } from './sweep-task'
import { mergeCommand } from './merge'
import { deleteCommand } from './delete'

export const commands: Record<string, CliCommand> = {
  import: importCommand,
  datasets: datasetsCommand,
  show: showCommand,
  delete: deleteCommand,
  fit: fitCommand,
  runs: runsCommand,
  eval: evalCommand,
  resume: resumeCommand,
  export: exportCommand,
  'import-model': importModelCommand,
  perturb: perturbCommand,
  experiments: experimentsCommand,
  sweep: sweepCommand,
  'sweep-status': sweepStatusCommand,
  merge: mergeCommand,
  'sweep-task': sweepTaskCommand
}
