import { failureReason } from './output.js';
import path from 'node:path';
import type { Colors } from 'picocolors/types.js';
import type { JobSource } from '../core/jobs/job.js';
import { formatBytes } from '../core/format-bytes.js';
import type { TrackedJob } from '../core/store/job-store-schema.js';
import { formatElapsed, truncate } from './live-view-format.js';

export interface DownloadRow {
  file: string;
  bytes: number;
  total?: number;
  /** Bytes per second, as the last progress said. */
  rate: number;
  state: 'downloading' | 'saved' | 'failed' | 'elsewhere';
  message?: string;
}

export interface JobRow {
  jobid: string;
  source: JobSource;
  job?: TrackedJob;
  /** The first progress seen and when (real time): the base of the time-left estimate. */
  firstProgress?: { at: number; progress: number };
  downloads: Map<string, DownloadRow>;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const BAR_WIDTH = 16;
// State words and the detail after them; the prompt gets the rest of the width.
const STATE_WIDTH = 12;
const DETAIL_WIDTH = 38;
const PREFERRED_LABEL = 24;

const fit = (text: string, width: number) => {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - Array.from(cut).length));
};

export function bar(fraction: number, width = BAR_WIDTH): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

const percent = (fraction: number) => `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`.padStart(4);

/** Generation's time left, from how fast progress moved since it was first seen; none until it moved. */
export function generationLeftMs(row: JobRow, now: number): number | undefined {
  const progress = row.job?.job?.progress;
  const first = row.firstProgress;
  if (progress === undefined || !first || progress <= first.progress || progress >= 100) return undefined;
  const perMs = (progress - first.progress) / Math.max(1, now - first.at);
  return (100 - progress) / perMs;
}

interface Look {
  glyph: string;
  words: string;
  paint: (text: string) => string;
  detail: string;
}

function look(row: JobRow, c: Colors, tick: number, now: number, downloads: boolean): Look {
  const job = row.job;
  const model = job?.job;
  const spin = SPINNER[tick % SPINNER.length]!;
  if (!job || job.state === 'active') {
    if (!model) return { glyph: spin, words: 'asking', paint: c.cyan, detail: job?.lastError ?? '' };
    if (model.state === 'queued') {
      const ahead = model.queuePosition !== undefined ? `#${model.queuePosition} in queue` : '';
      const wait =
        model.queueWaitSec !== undefined ? `~${formatElapsed(model.queueWaitSec * 1000)} wait` : '';
      return {
        glyph: spin,
        words: 'queued',
        paint: c.cyan,
        detail: [ahead, wait].filter(Boolean).join(', '),
      };
    }
    const progress = model.progress;
    if (progress === undefined)
      return { glyph: spin, words: 'generating', paint: c.cyan, detail: job.lastError ?? '' };
    const left = generationLeftMs(row, now);
    const eta = left !== undefined ? `  ~${formatElapsed(left)} left` : '';
    return {
      glyph: spin,
      words: 'generating',
      paint: c.cyan,
      detail: `${bar(progress / 100)} ${percent(progress / 100)}${eta}`,
    };
  }
  const reason = failureReason(job) ?? '';
  switch (job.state) {
    case 'completed': {
      const rows = [...row.downloads.values()];
      if (rows.some((d) => d.state === 'failed'))
        return { glyph: '✖', words: 'save failed', paint: c.red, detail: '' };
      if (rows.some((d) => d.state === 'downloading' || d.state === 'elsewhere'))
        return { glyph: '↓', words: 'downloading', paint: c.cyan, detail: '' };
      if (rows.length > 0) return { glyph: '✔', words: 'saved', paint: c.green, detail: '' };
      return { glyph: '✔', words: 'completed', paint: c.green, detail: downloads ? '' : 'video ready' };
    }
    case 'moderated':
      return { glyph: '⊘', words: 'moderated', paint: c.yellow, detail: reason };
    case 'failed':
      return { glyph: '✖', words: 'failed', paint: c.red, detail: reason };
    default:
      return {
        glyph: '–',
        words: job.state === 'not-found' ? 'not found' : job.state,
        paint: c.gray,
        detail: reason,
      };
  }
}

function downloadLine(d: DownloadRow, width: number, c: Colors): string {
  const name = path.basename(d.file);
  if (d.state === 'saved') return c.green(`    ✔ ${truncate(`${name}  ${formatBytes(d.bytes)}`, width - 6)}`);
  if (d.state === 'failed') return c.red(`    ✖ ${truncate(`${name}  ${d.message ?? ''}`, width - 6)}`);
  if (d.state === 'elsewhere')
    return c.dim(`    ↓ ${truncate(`${name}  another process is saving it`, width - 6)}`);
  const fraction = d.total ? d.bytes / d.total : 0;
  const size = d.total ? `${formatBytes(d.bytes)}/${formatBytes(d.total)}` : formatBytes(d.bytes);
  const rate = d.rate > 0 ? `  ${formatBytes(d.rate)}/s` : '';
  const eta = d.total && d.rate > 0 ? `  ETA ${formatElapsed(((d.total - d.bytes) / d.rate) * 1000)}` : '';
  const stats = `${d.total ? `${bar(fraction)} ${percent(fraction)}  ` : ''}${size}${rate}${eta}`;
  const label = truncate(name, Math.max(8, width - 6 - stats.length - 2));
  return `    ${c.cyan('↓')} ${label}  ${truncate(stats, Math.max(0, width - 6 - label.length - 2))}`;
}

/** One frame of the live view: a line per job (and per download), then a status line. */
export function renderFrame(options: {
  rows: JobRow[];
  width: number;
  colors: Colors;
  tick: number;
  now: number;
  elapsedMs: number;
  downloads: boolean;
  clean: (text: string) => string;
}): string {
  const { rows, colors: c, width } = options;
  // Narrow terminals take the room from the detail first: the prompt is what tells jobs apart.
  const fixed = 2 + 2 + STATE_WIDTH + 1;
  const labels = rows.map((row) => options.clean(row.job?.job?.prompt ?? row.jobid));
  const roomForLabel = Math.max(
    Math.min(PREFERRED_LABEL, width - fixed - 8),
    width - fixed - DETAIL_WIDTH,
    1,
  );
  // Short prompts leave their room to the details.
  const labelWidth = Math.min(roomForLabel, Math.max(1, ...labels.map((label) => Array.from(label).length)));
  const lines: string[] = [];
  for (const [index, row] of rows.entries()) {
    const seen = look(row, c, options.tick, options.now, options.downloads);
    const label = labels[index]!;
    const room = Math.max(0, width - 2 - labelWidth - 2 - STATE_WIDTH - 1);
    const detail = truncate(options.clean(seen.detail), room);
    lines.push(
      `${seen.paint(seen.glyph)} ${fit(label, labelWidth)}  ${seen.paint(fit(seen.words, STATE_WIDTH))} ${c.dim(detail)}`.trimEnd(),
    );
    for (const download of row.downloads.values())
      lines.push(downloadLine({ ...download, file: options.clean(download.file) }, width, c));
  }
  const active = rows.filter((row) => !row.job || row.job.state === 'active').length;
  const status = `${rows.length} job${rows.length === 1 ? '' : 's'}, ${active} running · ${formatElapsed(options.elapsedMs)} · Ctrl+C to stop`;
  lines.push(c.dim(truncate(status, width)));
  return lines.join('\n');
}
