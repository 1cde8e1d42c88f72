// One progress bar on stderr for the whole run, each figure weighted by its expected duration.
import cliProgress from 'cli-progress';

const SCALE = 1000;

export class Progress {
  private readonly bar = new cliProgress.SingleBar(
    {
      format: 'bench {bar} {percentage}% | {figure} {detail} | {duration_formatted}',
      stream: process.stderr,
      hideCursor: true,
      // In CI (no TTY) print a line every few seconds instead of redrawing.
      noTTYOutput: true,
      notTTYSchedule: 5_000,
    },
    cliProgress.Presets.shades_classic,
  );
  private done = 0;
  private current = { name: '', weight: 0 };

  constructor(private readonly totalWeight: number) {
    this.bar.start(SCALE, 0, { figure: '', detail: '' });
  }

  begin(figure: string, weight: number): void {
    this.current = { name: figure, weight };
    this.update(0, 'starting');
  }

  update(fraction: number, detail = ''): void {
    const f = Math.min(1, Math.max(0, fraction));
    const value = ((this.done + this.current.weight * f) / this.totalWeight) * SCALE;
    this.bar.update(Math.round(value), { figure: this.current.name, detail });
  }

  end(): void {
    this.done += this.current.weight;
    this.update(0, 'done');
  }

  stop(): void {
    this.bar.update(SCALE, { figure: 'all', detail: 'done' });
    this.bar.stop();
  }
}
