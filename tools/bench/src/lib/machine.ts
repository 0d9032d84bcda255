import { cpus, loadavg, totalmem } from "node:os";

export interface MachineInfo {
  node: string;
  cpuModel: string;
  cores: number;
  platform: string;
  arch: string;
  memoryGiB: number;
  /** 1-minute load average when the run started: other work on the machine skews absolute figures. */
  loadAverageAtStart: number;
}

export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    node: process.version,
    cpuModel: cores[0]?.model.trim() ?? "unknown",
    cores: cores.length,
    platform: process.platform,
    arch: process.arch,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
