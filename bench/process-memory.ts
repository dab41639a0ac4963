import { readdirSync, readFileSync } from 'node:fs';

const SAMPLE_EVERY_MS = 200;

/** Each live process's parent, from /proc/<pid>/stat. */
function parents(): Map<number, number> {
  const table = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name, in parentheses, may hold spaces: the fields that follow it are split after it.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), Number(fields[1]));
    } catch {
      // gone between the listing and the read
    }
  }
  return table;
}

/**
 * A process's proportional share of memory (PSS): its own pages, and its share of those
 * it shares. Every worker maps the same Node.js binary; resident sizes would count it
 * once per process, PSS counts it once in all.
 */
function pssBytes(pid: number): number {
  try {
    const kib = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return Number(kib ?? 0) * 1024;
  } catch {
    return 0; // gone
  }
}

function treeBytes(root: number): number {
  const children = new Map<number, number[]>();
  for (const [pid, parent] of parents()) children.set(parent, [...(children.get(parent) ?? []), pid]);
  let bytes = 0;
  const visit = (pid: number): void => {
    bytes += pssBytes(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return bytes;
}

/**
 * The peak memory of a process and all its descendants (a run's cucumber and every
 * --parallel worker), sampled from /proc. `stop` ends the sampling and gives the peak in MB.
 */
export function watchTreeMemory(root: number): { stop: () => number } {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, treeBytes(root));
  };
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  sample();
  return {
    stop: () => {
      clearInterval(timer);
      return peak / 2 ** 20;
    },
  };
}
