import { datasetsCommand, showCommand } from './datasets';
import { importCommand } from './import';
import { evalCommand } from './eval';
import { exportCommand, importModelCommand } from './export';
import { fitCommand } from './fit';
import { resumeCommand } from './resume';
import { runsCommand } from './runs';
export const commands = {
    import: importCommand,
    datasets: datasetsCommand,
    show: showCommand,
    fit: fitCommand,
    runs: runsCommand,
    eval: evalCommand,
    resume: resumeCommand,
    export: exportCommand,
    'import-model': importModelCommand
};
