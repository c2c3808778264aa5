import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { waitFor } from './wait-for';

/**
 * How much CPU a process may spend before its health check answers. A start costs about 2.5 s of CPU (ts-node
 * compiles the whole app as it loads it), however loaded the machine: at a load of 30 on two cores that took over
 * 60 s of wall time, so a limit in wall time failed a start that was only waiting for its turn on a core.
 */
export const PROCESS_START_CPU_MS = 60_000;
/** The wall-time limit besides it, for a start that hangs without spending CPU (a lock, a connection never made). */
export const PROCESS_START_MS = 600_000;

export interface StartLimits {
  cpuMs: number;
  wallMs: number;
}

/**
 * The CPU time a running process has used (user and system), from /proc/<pid>/stat, whose times are in ticks of
 * 1/100 s (USER_HZ, which Linux fixes at 100 for userspace); undefined where it cannot be read (no /proc).
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: fields are counted after it.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** One GET on a fresh connection (no keep-alive socket left behind): does it answer 200? */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1000, () => req.destroy());
  });
}

/**
 * Waits until `url` answers 200 while `child` (an `name` process) starts. Throws, with what the child printed
 * (`output`), when it exits, when it has used `limits.cpuMs` of CPU without answering (where its CPU time cannot be
 * read, the wall time spent counts instead), or after `limits.wallMs`.
 */
export async function waitForStart(
  name: string,
  child: ChildProcess,
  url: string,
  output: () => string,
  limits: StartLimits = { cpuMs: PROCESS_START_CPU_MS, wallMs: PROCESS_START_MS },
): Promise<void> {
  const started = Date.now();
  await waitFor(
    async () => {
      // A signal (killStartedProcesses', say) leaves no exit code.
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`${name} exited with ${child.exitCode ?? child.signalCode}:\n${output()}`);
      const cpu = (child.pid === undefined ? undefined : processCpuMs(child.pid)) ?? Date.now() - started;
      if (cpu > limits.cpuMs)
        throw new Error(`${name} used ${cpu} ms of CPU without answering ${url}:\n${output()}`);
      return (await answers(url)) ? true : undefined;
    },
    limits.wallMs,
    `${name} process to answer ${url}`,
  );
}
