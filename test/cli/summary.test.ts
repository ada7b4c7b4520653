import { describe, expect, it } from 'vitest';
import type { RunFacts } from '../../main/cli/summary.js';
import { summaryLines, summaryRecord } from '../../main/cli/summary-text.js';

// The summary's words for each way a run can end: what was saved, what went wrong, what to do next.
const facts = (over: Partial<RunFacts>): RunFacts => ({
  jobs: [],
  saved: [],
  downloadFailures: [],
  elapsedMs: 75_000,
  interrupted: false,
  credentialsProblem: false,
  downloads: true,
  ...over,
});

describe('the summary', () => {
  it('lists the saved files with sizes, and each problem with its reason and next step', () => {
    const lines = summaryLines(
      facts({
        jobs: [
          { jobid: 'a', source: 'v1', state: 'completed', prompt: 'a fox' },
          { jobid: 'b', source: 'v1', state: 'completed', prompt: 'a boat' },
          { jobid: 'c', source: 'v2', state: 'moderated', prompt: 'bad', reason: 'rejected' },
          { jobid: 'd', source: 'v1', state: 'expired', reason: 'Job has expired (410)' },
        ],
        saved: [{ jobid: 'a', file: '/v/a.mp4', bytes: 3 * 1024 * 1024, earlier: false }],
        downloadFailures: [{ jobid: 'b', message: 'the CDN answered 403' }],
      }),
    );
    expect(lines).toEqual([
      'Done in 1m 15s: 4 jobs, 2 completed, 1 moderated, 1 not available.',
      '1 video saved (3.0 MB):',
      '  saved  /v/a.mp4 (3.0 MB)',
      '  download-failed  b  "a boat": the CDN answered 403',
      '    next: Try the download again with: pixverse-tray retry b',
      '  moderated  c  "bad": rejected',
      '    next: Reword the prompt (or change the image) and start a new job.',
      '  expired  d: Job has expired (410)',
      '    next: useapi.net keeps jobs for 31 days; this one is gone, start it again.',
    ]);
  });

  it('interrupted: claims only what was saved, and says how to pick the rest up', () => {
    const run = facts({
      interrupted: true,
      jobs: [
        { jobid: 'a', source: 'v1', state: 'completed', prompt: 'a fox' },
        { jobid: 'b', source: 'v1', state: 'active', prompt: 'a boat' },
      ],
    });
    const lines = summaryLines(run);
    expect(lines).toEqual([
      'Interrupted after 1m 15s: 2 jobs, 1 completed, 1 unfinished.',
      'No video downloaded.',
      '  not-downloaded  a  "a fox": the run was interrupted before its video was downloaded',
      '    next: Download it with: pixverse-tray retry a',
      '  unfinished  b  "a boat": the run was interrupted first',
      '    next: Pick it up again with: pixverse-tray watch b',
    ]);
    expect(lines.join('\n')).not.toMatch(/saved/);
    expect(summaryRecord(run, 0)).toMatchObject({
      type: 'summary',
      interrupted: true,
      totals: { jobs: 2, completed: 1, unfinished: 1, videosSaved: 0, bytesSaved: 0 },
      saved: [],
      problems: [
        { jobid: 'a', problem: 'not-downloaded' },
        { jobid: 'b', problem: 'unfinished' },
      ],
    });
  });

  it('stopped by the token or the subscription (401/402): says so for each unfinished job, and what to fix', () => {
    const lines = summaryLines(
      facts({
        credentialsProblem: true,
        jobs: [{ jobid: 'b', source: 'v1', state: 'active', prompt: 'a boat' }],
      }),
    );
    expect(lines.slice(-2)).toEqual([
      '  unfinished  b  "a boat": the API refused the token or the subscription (said above)',
      '    next: Fix the token or renew the subscription, then: pixverse-tray watch b',
    ]);
  });

  it("stopped by a 401/402 before a completed job's video was saved: lists it, with how to download it", () => {
    const run = facts({
      credentialsProblem: true,
      jobs: [
        { jobid: 'a', source: 'v1', state: 'completed', prompt: 'a fox' },
        { jobid: 'b', source: 'v2', state: 'active', prompt: 'a boat' },
      ],
    });
    expect(summaryLines(run).slice(-4)).toEqual([
      '  not-downloaded  a  "a fox": the run stopped before its video was downloaded',
      '    next: Download it with: pixverse-tray retry a',
      '  unfinished  b  "a boat": the API refused the token or the subscription (said above)',
      '    next: Fix the token or renew the subscription, then: pixverse-tray watch b',
    ]);
    expect(summaryRecord(run, 0)).toMatchObject({ totals: { videosSaved: 0 } });
  });

  it('a job useapi.net did not know: what to check, and how to have it asked for again', () => {
    const run = facts({
      jobs: [{ jobid: 'n', source: 'v1', state: 'not-found', reason: 'not known (404)' }],
    });
    expect(summaryLines(run).slice(-1)).toEqual([
      '    next: Check the JOBID and that USEAPI_TOKEN belongs to the account that started it; to ask again, run pixverse-tray forget n, then pixverse-tray watch n',
    ]);
  });

  it('a job useapi.net refused (400): forget, then watch, since watch alone does not ask again', () => {
    const run = facts({ jobs: [{ jobid: 'r', source: 'v1', state: 'rejected', reason: 'malformed (400)' }] });
    expect(summaryLines(run).slice(-1)).toEqual([
      '    next: Check the JOBID: useapi.net refused it; to ask again, run pixverse-tray forget r, then pixverse-tray watch r',
    ]);
  });

  it('a v2 video whose PixVerse account needs attention (596): says so, and what to fix first', () => {
    const run = facts({
      jobs: [{ jobid: 'v', source: 'v2', state: 'active', prompt: 'a kite' }],
      heldJobids: ['v'],
    });
    expect(summaryLines(run).slice(-2)).toEqual([
      '  unfinished  v  "a kite": its PixVerse account needs attention at useapi.net (said above)',
      '    next: Add the PixVerse account again at useapi.net, then: pixverse-tray watch v',
    ]);
  });

  it('tells videos saved by an earlier run (or another process) from this run’s, and leaves the next steps out when asked', () => {
    const run = facts({
      jobs: [{ jobid: 'a', source: 'v1', state: 'failed', reason: 'no luck' }],
      saved: [{ jobid: 'x', file: '/v/x.mp4', bytes: 1024, earlier: true }],
    });
    expect(summaryLines(run, { nextSteps: false })).toEqual([
      'Done in 1m 15s: 1 job, 1 failed.',
      'No new video; 1 already saved:',
      '  saved  /v/x.mp4 (1.0 KB)',
      '  failed  a: no luck',
    ]);
  });

  it('without downloads, gives the video links instead of files', () => {
    const run = facts({
      downloads: false,
      jobs: [{ jobid: 'a', source: 'v1', state: 'completed', urls: ['https://cdn.example/a.mp4'] }],
    });
    expect(summaryLines(run)).toEqual([
      'Done in 1m 15s: 1 job, 1 completed.',
      '  video  a  https://cdn.example/a.mp4',
    ]);
    expect(summaryRecord(run, 0)).toMatchObject({
      links: [{ jobid: 'a', source: 'v1', url: 'https://cdn.example/a.mp4' }],
    });
  });
});
