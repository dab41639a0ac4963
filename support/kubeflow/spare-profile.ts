/** A Profile on its way: named once the API server made it, ready once the profile controller has. */
export interface ProfileInMaking {
  created: Promise<string>;
  ready: Promise<string>;
}

/**
 * Makes each scenario's Profile one scenario ahead. The profile controller takes about
 * 3 s to finish a new profile (it waits a fixed 3 s for the namespace it has just made
 * to reach its cache): the next scenario's profile is made while this one runs, so
 * only a worker's first scenario waits for it.
 */
export class SpareProfile {
  private spare?: ProfileInMaking;
  /** Settles once the next spare is started, or is not to be. */
  private next: Promise<void> = Promise.resolve();

  constructor(private readonly make: () => ProfileInMaking) {}

  /**
   * The spare, or a new profile if there is none. The next spare is started once this
   * one is ready, as the controller makes one profile at a time, and not at all if this
   * one failed: a broken controller is reported by each scenario without piling up profiles.
   */
  take(): ProfileInMaking {
    const taken = this.spare ?? this.make();
    this.spare = undefined;
    this.next = taken.ready.then(
      () => {
        this.spare = this.make();
        // A spare that fails says so to the scenario that takes it.
        this.spare.ready.catch(() => undefined);
      },
      () => undefined,
    );
    return taken;
  }

  /**
   * The name of the spare nobody took, so the run's end can delete it: once it is
   * ready or failed, so that no wait for it outlives it and holds the process open.
   */
  async leftover(): Promise<string | undefined> {
    await this.next;
    const spare = this.spare;
    this.spare = undefined;
    await spare?.ready.catch(() => undefined);
    return spare?.created.catch(() => undefined);
  }
}
