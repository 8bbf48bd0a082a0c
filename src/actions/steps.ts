// Numbered steps of an operation shown through IoHost.progress: `[3/7] terraform apply: creating n12`.
import type { IoHost } from '../io/io-host.ts';

/** Counts and shows the steps of one operation. */
export class Steps {
  private index = 0;

  constructor(
    private readonly io: IoHost,
    private total: number,
  ) {}

  /** Changes the total when a flag skips steps. */
  setTotal(total: number): void {
    this.total = total;
  }

  /** Runs one step; `update` changes the detail shown after the label. */
  async run<T>(label: string, fn: (update: (detail: string) => void) => Promise<T>): Promise<T> {
    this.index++;
    const head = `[${this.index}/${this.total}] ${label}`;
    const progress = this.io.progress(head);
    try {
      const result = await fn((detail) => progress.update(detail ? `${head}: ${detail}` : head));
      progress.succeed(head);
      return result;
    } catch (err) {
      progress.fail(`${head} failed`);
      throw err;
    }
  }
}

const TF_LINE =
  /^([\w.-]+(?:\[[^\]]+\])?(?:\.[\w-]+(?:\[[^\]]+\])?)*): (Creating|Modifying|Destroying|Still \w+|Reading)/;

/** Turns a terraform output line into short progress detail, or null to keep the previous one. */
export function terraformDetail(line: string): string | null {
  const m = TF_LINE.exec(line.trim());
  if (m) return `${(m[2] ?? '').toLowerCase().replace(/\.+$/, '')} ${m[1]}`;
  if (/^Plan: /.test(line) || /^Apply complete/.test(line)) return line.trim();
  return null;
}

/** Turns an ansible-playbook output line into progress detail (task names), or null. */
export function ansibleDetail(line: string): string | null {
  const m = /^TASK \[(.+?)\]/.exec(line.trim());
  return m ? (m[1] ?? null) : null;
}
