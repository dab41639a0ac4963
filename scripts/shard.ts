// --shard <index>/<total>: one share of the suite, for CI matrices and the in-cluster
// Indexed Job. The upgrade scenarios change the platform under every other scenario,
// so they make the last shard on their own, to be run after the others; the other
// shards split the rest with cucumber's own --shard.

export interface Shard {
  index: number;
  total: number;
}

export interface ShardedArgs {
  /** What cucumber is given: the user's arguments with the shard's share put in. */
  args: string[];
  shard?: Shard;
}

const UPGRADE = '@upgrade';

/** A shard as --shard and run-metadata.json write it ("2/3"); undefined for anything else. */
export function readShard(text: string | undefined): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text ?? '');
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  return match && total >= 2 && index >= 1 && index <= total ? { index, total } : undefined;
}

export const formatShard = ({ index, total }: Shard): string => `${index}/${total}`;

function parseShard(text: string | undefined): Shard {
  const shard = readShard(text);
  if (!shard) {
    throw new Error(
      `--shard ${text ?? ''} is not a shard. Fix: give --shard <index>/<total>, with a total of 2 or more and 1 <= index <= total, e.g. --shard 1/3. ` +
        `Shards 1 to total-1 share the scenarios; the last runs the ${UPGRADE} scenarios, after the others have finished.`,
    );
  }
  return shard;
}

/** Takes --shard out of the arguments and puts in what it means for cucumber. */
export function shardArgs(args: string[]): ShardedArgs {
  const at = args.findIndex((arg) => arg === '--shard' || arg.startsWith('--shard='));
  if (at < 0) return { args };
  const inline = args[at].startsWith('--shard=');
  const shard = parseShard(inline ? args[at].slice('--shard='.length) : args[at + 1]);
  const rest = [...args.slice(0, at), ...args.slice(at + (inline ? 1 : 2))];
  // Repeated --tags are joined with "and", so the user's own selection still applies.
  const share = shard.index < shard.total ? ['--shard', `${shard.index}/${shard.total - 1}`, '--tags', `not ${UPGRADE}`] : ['--tags', UPGRADE];
  return { args: [...rest, ...share], shard };
}

export function describeShard({ index, total }: Shard): string {
  return index < total ? `shard ${index} of ${total}: share ${index} of ${total - 1} of the scenarios not tagged ${UPGRADE}` : `shard ${index} of ${total}: the ${UPGRADE} scenarios, after the other shards`;
}

/** A report folder and the shard its run-metadata.json records; none for a run that was not sharded. */
export interface ShardFolder {
  dir: string;
  shard?: Shard;
}

/**
 * Checks that the folders are shards of one set, each once, and returns them in the
 * shards' order with the ones missing from the set: a shard that did not run must not
 * pass unnoticed, and one merged twice would count its scenarios twice.
 */
export function checkShardSet<Folder extends ShardFolder>(folders: Folder[]): { ordered: Folder[]; missing: string[] } {
  const fix = 'Fix: give the report folder of every shard of one run, each once (KUBEFLOW_BDD_REPORTS of each `npm run features -- --shard <index>/<total>`).';
  const unsharded = folders.find((folder) => !folder.shard);
  if (unsharded) {
    throw new Error(`${unsharded.dir} is not a finished shard's report folder: its run-metadata.json names no shard, so its run was not sharded, or stopped before its scenarios (its html/index.html says why). ${fix}`);
  }
  const shards = folders as (Folder & Required<ShardFolder>)[];
  const totals = [...new Set(shards.map((folder) => folder.shard.total))];
  if (totals.length > 1) throw new Error(`These folders are shards of different sets: ${shards.map((folder) => `${folder.dir} is shard ${formatShard(folder.shard)}`).join(', ')}. ${fix}`);
  const total = totals[0] ?? 0;
  const ordered = [...shards].sort((a, b) => a.shard.index - b.shard.index);
  const dirsOf = (index: number) => ordered.filter((folder) => folder.shard.index === index).map((folder) => folder.dir);
  const indexes = Array.from({ length: total }, (_, i) => i + 1);
  const missing = indexes.filter((index) => dirsOf(index).length === 0).map((index) => `shard ${index}/${total} is missing`);
  const doubled = indexes.filter((index) => dirsOf(index).length > 1).map((index) => `shard ${index}/${total} is given ${dirsOf(index).length} times: ${dirsOf(index).join(', ')}`);
  if (doubled.length > 0) throw new Error(`${[...doubled, ...missing].join('; ')}. ${fix}`);
  return { ordered, missing };
}
