// A single-node Slurm cluster for the length of a test: Debian's slurm-wlm and munge, a slurm.conf in a temp
// folder (one node = this host, CPUs=2, state and spool in the folder, free ports), munged with a temp key,
// slurmctld and slurmd started and stopped by pid. `startSlurm` says why when the daemons cannot start.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { hostname, tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'

export interface SlurmCluster {
  dir: string
  /** Environment for sbatch/squeue/scancel and the CLI (SLURM_CONF). */
  env: NodeJS.ProcessEnv
  stop(): Promise<void>
}

const SBIN = ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin']

function findBinary(name: string): string | null {
  for (const d of [...(process.env['PATH'] ?? '').split(':').filter(Boolean), ...SBIN]) {
    if (existsSync(join(d, name))) return join(d, name)
  }
  return null
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => done(port))
    })
  })
}

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const t0 = Date.now()
  while (Date.now() - t0 < ms) {
    if (cond()) return true
    await new Promise((r) => setTimeout(r, 200))
  }
  return cond()
}

function stopChild(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null || c.pid === undefined) return Promise.resolve()
  return new Promise((done) => {
    const kill = setTimeout(() => c.kill('SIGKILL'), 5000)
    c.once('exit', () => {
      clearTimeout(kill)
      done()
    })
    c.kill('SIGTERM')
  })
}

const tail = (file: string): string =>
  existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' | ') : '(no log)'

/** Starts munged, slurmctld and slurmd; returns the cluster, or the reason it cannot run here. */
export async function startSlurm(): Promise<SlurmCluster | { skip: string }> {
  const bins = {
    munged: findBinary('munged'),
    slurmctld: findBinary('slurmctld'),
    slurmd: findBinary('slurmd'),
    sbatch: findBinary('sbatch'),
    sinfo: findBinary('sinfo')
  }
  const missing = Object.entries(bins)
    .filter(([, p]) => !p)
    .map(([n]) => n)
  if (missing.length)
    return { skip: `Slurm is not installed (${missing.join(', ')} not found; apt-get install slurm-wlm munge)` }
  const dir = mkdtempSync(join(tmpdir(), 'rsnn-slurm-'))
  const munge = join(dir, 'munge')
  for (const d of ['state', 'spool', 'log', 'munge']) mkdirSync(join(dir, d))
  chmodSync(dir, 0o755) // munged wants every folder above its socket searchable
  chmodSync(munge, 0o711)
  const key = join(munge, 'munge.key')
  writeFileSync(key, randomBytes(1024), { mode: 0o400 })
  const socket = join(munge, 'munge.sock')
  const children: ChildProcess[] = []
  const stop = async (): Promise<void> => {
    for (const c of children.reverse()) await stopChild(c)
    rmSync(dir, { recursive: true, force: true })
  }
  const log = (name: string) => join(dir, 'log', name)
  children.push(
    spawn(
      bins.munged!,
      [
        '-F',
        `--socket=${socket}`,
        `--key-file=${key}`,
        `--pid-file=${join(munge, 'munged.pid')}`,
        `--log-file=${log('munged.log')}`,
        `--seed-file=${join(munge, 'seed')}`
      ],
      { stdio: 'ignore' }
    )
  )
  if (!(await until(() => existsSync(socket), 10_000))) {
    await stop()
    return { skip: `munged did not start: ${tail(log('munged.log'))}` }
  }
  const host = hostname().split('.')[0]!
  const user = userInfo().username
  const [ctldPort, dPort] = [await freePort(), await freePort()]
  const conf = join(dir, 'slurm.conf')
  writeFileSync(
    conf,
    [
      'ClusterName=rsnntest',
      `SlurmctldHost=${host}(127.0.0.1)`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${dPort}`,
      `SlurmUser=${user}`,
      `SlurmdUser=${user}`,
      'AuthType=auth/munge',
      `AuthInfo=socket=${socket}`,
      'CredType=cred/munge',
      `StateSaveLocation=${join(dir, 'state')}`,
      `SlurmdSpoolDir=${join(dir, 'spool')}`,
      `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
      `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
      `SlurmctldLogFile=${log('slurmctld.log')}`,
      `SlurmdLogFile=${log('slurmd.log')}`,
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_CPU',
      'JobAcctGatherType=jobacct_gather/none',
      'AccountingStorageType=accounting_storage/none',
      'MpiDefault=none',
      'ReturnToService=2',
      'MinJobAge=3600', // ended tasks stay visible to squeue (no accounting database here)
      'KillWait=10',
      `NodeName=${host} NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN`,
      `PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
      ''
    ].join('\n')
  )
  const env = { ...process.env, SLURM_CONF: conf }
  children.push(spawn(bins.slurmctld!, ['-D', '-i', '-f', conf], { env, stdio: 'ignore' }))
  children.push(spawn(bins.slurmd!, ['-D', '-N', host, '-f', conf], { env, stdio: 'ignore' }))
  const idle = (): boolean => {
    try {
      return /idle|mix|alloc/.test(
        execFileSync(bins.sinfo!, ['-h', '-o', '%T'], {
          env,
          encoding: 'utf8',
          timeout: 5000,
          stdio: ['ignore', 'pipe', 'ignore']
        })
      )
    } catch {
      return false
    }
  }
  if (!(await until(idle, 30_000))) {
    const why = `slurmctld: ${tail(log('slurmctld.log'))}; slurmd: ${tail(log('slurmd.log'))}`
    await stop()
    return { skip: `the Slurm daemons did not start: ${why}` }
  }
  return { dir, env, stop }
}
