/**
 * Deletions asked for and not yet seen through. A namespace takes its controller
 * seconds to empty (a notebook's pod its grace period too): a scenario asks for its
 * namespace's deletion and moves on, the wait for it to be gone runs beside the next
 * scenarios, and the end of the run collects what did not go.
 */
export class DeferredDeletions {
  private readonly pending: Promise<string[]>[] = [];

  /** Asks for a deletion now and starts the wait for it to be gone, which rejects with what still holds the object. */
  async delete(owner: string, request: () => Promise<void>, gone: () => Promise<void>): Promise<void> {
    await request();
    this.pending.push(gone().then(
      () => [],
      (error: Error) => [`${owner}: ${error.message}`],
    ));
  }

  /** Waits for every deletion so far; resolves with what was left behind, by whom. */
  async settle(): Promise<string[]> {
    return (await Promise.all(this.pending.splice(0))).flat();
  }
}
