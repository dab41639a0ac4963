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

function parseShard(text: string | undefined): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text ?? '');
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 2 || index < 1 || index > total) {
    throw new Error(
      `--shard ${text ?? ''} is not a shard. Fix: give --shard <index>/<total>, with a total of 2 or more and 1 <= index <= total, e.g. --shard 1/3. ` +
        `Shards 1 to total-1 share the scenarios; the last runs the ${UPGRADE} scenarios, after the others have finished.`,
    );
  }
  return { index, total };
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
