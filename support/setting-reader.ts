// Reads KUBEFLOW_BDD_* values strictly and collects what is wrong with them, so a run
// that cannot start names every bad setting at once rather than one per attempt.

/** The only spellings of a yes or no, as the README's Configuration documents them. */
const BOOLEANS: Record<string, boolean> = { true: true, false: false };

export class SettingReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** A value that is needed: unset gives the default; set, it must not be empty. */
  text(name: string, fallback: string): string {
    const value = this.env[name];
    if (value === undefined) return fallback;
    if (value.trim() === '') {
      this.problem(`${name} is set but empty. Fix: give it a value, or unset it for the default (${fallback}).`);
      return fallback;
    }
    return value;
  }

  /** A value whose absence means something (no registry, the R scenario skipped): empty counts as unset, as the README says. */
  optional(name: string): string | undefined {
    return this.env[name] || undefined;
  }

  /** An optional value that parse checks; what parse throws is the problem, and the value counts as unset. */
  optionalParsed<T>(name: string, parse: (text: string) => T): T | undefined {
    const text = this.optional(name);
    return text === undefined ? undefined : this.checked(text, parse, () => undefined);
  }

  /** A needed value that parse turns into what the harness uses; what parse throws is the problem, and the default stands in. */
  parsed<T>(name: string, fallback: string, parse: (text: string) => T): T {
    return this.checked(this.text(name, fallback), parse, () => parse(fallback));
  }

  private checked<T, U>(text: string, parse: (text: string) => T, otherwise: () => U): T | U {
    try {
      return parse(text);
    } catch (error) {
      this.problem((error as Error).message);
      return otherwise();
    }
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.env[name];
    if (value === undefined) return fallback;
    if (value in BOOLEANS) return BOOLEANS[value];
    this.problem(`${name}="${value}" is neither true nor false. Fix: write true or false, in lower case, or unset it for the default (${fallback}).`);
    return fallback;
  }

  /** What a check of a value found wrong; the caller goes on with its default, so later settings are still checked. */
  problem(message: string): void {
    this.problems.push(message);
  }

  /** One error that lists every problem, if there is one. */
  finish(): void {
    if (this.problems.length === 1) throw new Error(this.problems[0]);
    if (this.problems.length > 1) throw new Error(`${this.problems.length} settings are wrong:\n${this.problems.map((problem) => `- ${problem}`).join('\n')}`);
  }
}
