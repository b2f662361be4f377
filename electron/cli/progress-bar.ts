export type Progress = {
  readonly count: number;
  readonly total: number;
  readonly bytes: number;
  readonly totalBytes: number;
};

type Sink = { readonly isTTY?: boolean; write(text: string): unknown };

/**
 * A one-line progress bar redrawn in place on a terminal; elsewhere (a log file, CI) a plain line every 10%, so
 * that a back-fill of a year of mail neither floods the log nor stays silent.
 */
export function createProgressBar(sink: Sink, width = 30): { update(p: Progress): void; done(): void } {
  let lastTenth = -1;
  let drawn = false;
  const started = Date.now();
  const line = (p: Progress): string => {
    const fraction = p.total === 0 ? 1 : p.count / p.total;
    const filled = Math.round(fraction * width);
    const rate = p.count / Math.max((Date.now() - started) / 1000, 0.001);
    const mb = (p.bytes / 1048576).toFixed(1);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.count}/${p.total} messages, ${mb} MB, ${rate.toFixed(0)}/s`;
  };
  return {
    update(p) {
      if (sink.isTTY) {
        sink.write(`\r${line(p)}`);
        drawn = true;
        return;
      }
      const tenth = p.total === 0 ? 10 : Math.floor((p.count / p.total) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        sink.write(`${line(p)}\n`);
      }
    },
    done() {
      if (drawn) {
        sink.write('\n');
      }
    },
  };
}
