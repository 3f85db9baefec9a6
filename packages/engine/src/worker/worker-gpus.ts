/**
 * The `CUDA_VISIBLE_DEVICES` of worker process `index` of `processes` in a job with
 * `gpus` GPUs: its own contiguous share of the devices the batch system made visible to
 * the job (Slurm sets `CUDA_VISIBLE_DEVICES=0,1` for a 2-GPU job), or of `0 … gpus-1`
 * when nothing is set. With fewer devices than processes, processes share round-robin
 * (each sees one). `undefined`: leave the variable as it is (one process, or no GPUs).
 */
export function visibleDevicesFor(index: number, processes: number, gpus: number | undefined, visible: string | undefined): string | undefined {
  if (gpus === undefined || processes <= 1) return undefined;
  const devices = visible === undefined || visible.trim() === '' ? Array.from({ length: gpus }, (_, device) => String(device)) : visible.split(',').map((device) => device.trim());
  if (devices.length === 0) return undefined;
  if (devices.length < processes) return devices[index % devices.length];
  // Spread the remainder over the first processes: 5 devices for 2 processes → 3 + 2.
  const base = Math.floor(devices.length / processes);
  const extra = devices.length % processes;
  const start = index * base + Math.min(index, extra);
  return devices.slice(start, start + base + (index < extra ? 1 : 0)).join(',');
}

/**
 * GPUs of one worker process, as it reports them to the scheduler: the job's when it is
 * the only process, else the devices its supervisor made visible to it (its share).
 */
export function processGpus(gpus: number | undefined, processes: number, visible: string | undefined): number {
  if (gpus === undefined) return 0;
  if (processes <= 1) return gpus;
  const devices = visible?.split(',').filter((device) => device.trim() !== '') ?? [];
  return devices.length > 0 ? devices.length : Math.floor(gpus / processes);
}
