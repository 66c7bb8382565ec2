import type { BatchSummary } from '../../batch/write-zip.js';

/**
 * A batch's progress: on a terminal, one line redrawn (rows done, rows per second, refusals so
 * far, time left); otherwise (a log, a CI) a plain line every tenth of the batch.
 */
export interface Progress {
  row(summary: BatchSummary): void;
  done(summary: BatchSummary): void;
}

export function progress(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  total: number,
  now: () => number = () => performance.now(),
): Progress {
  const started = now();
  let lastDraw = -Infinity;
  let nextTenth = 1;
  const line = ({ rows, refused }: BatchSummary) => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const perSecond = rows / seconds;
    const left = perSecond > 0 ? Math.ceil((total - rows) / perSecond) : 0;
    return (
      `${rows}/${total} lignes · ${perSecond.toFixed(0)} lignes/s · ` +
      `${refused} refusée${refused > 1 ? 's' : ''} · reste ${left} s`
    );
  };
  return {
    row(summary) {
      if (stream.isTTY) {
        // Redrawn ten times a second at most: a terminal is slower than the fast engine.
        if (now() - lastDraw < 100 && summary.rows < total) return;
        lastDraw = now();
        stream.write(`\r\x1b[2K${bar(summary.rows, total)} ${line(summary)}`);
        return;
      }
      if (summary.rows >= (total * nextTenth) / 10) {
        while (summary.rows >= (total * nextTenth) / 10 && nextTenth <= 10) nextTenth += 1;
        stream.write(`${line(summary)}\n`);
      }
    },
    done(summary) {
      if (stream.isTTY) stream.write('\n');
      const seconds = ((now() - started) / 1000).toFixed(1);
      stream.write(
        `Terminé en ${seconds} s : ${summary.produced} produit${summary.produced > 1 ? 's' : ''}, ` +
          `${summary.refused} refusé${summary.refused > 1 ? 's' : ''} sur ${summary.rows} lignes.\n`,
      );
    },
  };
}

function bar(done: number, total: number, width = 24): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}
