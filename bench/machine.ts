// The machine a run's figures came from, printed with them: numbers from a shared 2-core box mean
// little without it.
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export type Machine = { cores: number; memoryGb: number; cpu: string; node: string; date: string; loadAverage: number[] };

export function describeMachine(): Machine {
  return {
    cores: availableParallelism(),
    memoryGb: totalmem() / 1024 ** 3,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    date: new Date().toISOString(),
    loadAverage: loadavg(),
  };
}

export function machineLine(machine: Machine): string {
  const load = machine.loadAverage.map((value) => value.toFixed(1)).join(' / ');
  return `${machine.cores} cores (nproc), ${machine.memoryGb.toFixed(1)} GB RAM, ${machine.cpu}, Node ${machine.node}, ${machine.date}, load average ${load} (1/5/15 min)`;
}
