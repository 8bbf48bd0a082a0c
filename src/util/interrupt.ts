// Turns SIGINT/SIGTERM into an orderly stop: children get exactly one SIGINT (terraform then saves
// its state), waits are aborted, and the operation ends as "interrupted" instead of dying mid-write.

/** A child process that can receive a forwarded signal. */
export interface SignalTarget {
  kill(signal?: NodeJS.Signals | number): boolean;
}

/** Collects the signals of one operation; install() before the first child, dispose() at the end. */
export class InterruptScope {
  private readonly controller = new AbortController();
  private readonly children = new Set<SignalTarget>();
  private received: NodeJS.Signals | null = null;
  private readonly handler = (sig: NodeJS.Signals) => this.onSignal(sig);
  private readonly warn: (message: string) => void;

  constructor(warn: (message: string) => void = () => {}) {
    this.warn = warn;
  }

  /** Starts catching SIGINT and SIGTERM for this process. */
  install(): this {
    process.on('SIGINT', this.handler);
    process.on('SIGTERM', this.handler);
    return this;
  }

  /** Stops catching signals. */
  dispose(): void {
    process.off('SIGINT', this.handler);
    process.off('SIGTERM', this.handler);
  }

  /** The first signal received, or null. */
  get signal(): NodeJS.Signals | null {
    return this.received;
  }

  /** Aborted on the first signal: for waits that are not child processes. */
  get abortSignal(): AbortSignal {
    return this.controller.signal;
  }

  /** Registers a running child; returns the function that unregisters it. */
  track(child: SignalTarget): () => void {
    this.children.add(child);
    if (this.received) child.kill('SIGINT');
    return () => this.children.delete(child);
  }

  /** Throws `make()` when a signal has arrived (checked between steps). */
  throwIfInterrupted(make: () => Error): void {
    if (this.received) throw make();
  }

  private onSignal(sig: NodeJS.Signals): void {
    if (this.received) {
      this.warn(`${sig} again: still waiting for running tools to stop cleanly and save state`);
      return;
    }
    this.received = sig;
    this.warn(`${sig} received: stopping running tools (terraform saves its state first)`);
    for (const c of this.children) c.kill('SIGINT');
    this.controller.abort(new Error(`interrupted by ${sig}`));
  }
}
