import type http from 'node:http';
import type { Clock } from '../clock.js';
import type { Fault, FaultQueue, Route } from './faults.js';
import { sendJson } from './http-util.js';
import type { SimJob } from './sim-job.js';

const ACTIVE = new Set(['created', 'started', 'progress']);

export interface ApiRequestRecord {
  route: string;
  jobid: string | undefined;
  authorized: boolean;
  at: number;
}

/** What the API reads and records of its simulator (which imports this module: not the class). */
export interface ApiHost {
  readonly token: string;
  readonly subscriptionActive: boolean;
  readonly clock: Clock;
  readonly faults: FaultQueue;
  jobs(): SimJob[];
  job(jobid: string): SimJob | undefined;
  signLink(path: string): string;
  recordApiRequest(record: ApiRequestRecord): void;
}

/** The useapi.net v1 PixVerse jobs endpoints, answering as the published reference shows. */
export function apiHandler(sim: ApiHost): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const jobid = url.searchParams.get('jobid') ?? undefined;
    const route: Route | undefined =
      url.pathname === '/v1/pixverse/jobs/'
        ? 'job'
        : url.pathname === '/v1/pixverse/jobs'
          ? 'list'
          : url.pathname === '/v1/pixverse/jobs/cancel/'
            ? 'cancel'
            : undefined;
    const authorized = req.headers.authorization === `Bearer ${sim.token}`;
    sim.recordApiRequest({ route: route ?? 'unknown', jobid, authorized, at: sim.clock.now() });
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'Method not allowed', code: 405 });
    if (!route) return sendJson(res, 404, { error: `Not found: ${url.pathname}`, code: 404 });

    const fault = sim.faults.take(route, jobid);
    if (fault && applyFault(fault, req, res, () => answer())) return;
    answer();

    function answer(): void {
      if (!authorized) return sendJson(res, 401, { error: 'Unauthorized', code: 401 });
      if (!sim.subscriptionActive) {
        return sendJson(res, 402, {
          error: 'Account has no subscription or subscription expired',
          code: 402,
        });
      }
      const now = sim.clock.now();
      if (route === 'list') {
        return sendJson(
          res,
          200,
          sim
            .jobs()
            .filter((j) => !j.isExpired(now) && ACTIVE.has(j.step(now).status))
            .map((j) => j.jobid),
        );
      }
      if (!jobid) return sendJson(res, 400, { error: 'Query param jobid not provided', code: 400 });
      const job = sim.job(jobid);
      if (!job) return sendJson(res, 404, { error: `Unable to locate job ${jobid}`, code: 404 });
      if (job.isExpired(now)) return sendJson(res, 410, { error: 'Job has expired', code: 410 });
      if (route === 'cancel') {
        if (!ACTIVE.has(job.step(now).status)) {
          return sendJson(res, 400, { error: `Job ${jobid} is not running`, code: 400 });
        }
        job.cancelledAt = now;
        return sendJson(res, 200, { jobid, status: 'cancelled' });
      }
      sendJson(res, 200, job.render(now, sim.signLink));
    }
  };
}

/** Returns true when the fault took over the response. */
function applyFault(
  fault: Fault,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  answer: () => void,
): boolean {
  switch (fault.kind) {
    case 'status':
      sendJson(res, fault.status, { error: fault.error ?? `Simulated ${fault.status}`, code: fault.status });
      return true;
    case 'rate-limit': {
      const headers = fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
      const body = fault.executingJobs
        ? {
            error: 'Account has reached maximum number of executing jobs',
            executingJobs: ['job-a', 'job-b'],
            code: 429,
          }
        : { error: 'Too Many Requests', code: 429 };
      sendJson(res, 429, body, headers);
      return true;
    }
    case 'hang':
      return true; // never answer; the connection is dropped when the simulator closes
    case 'reset':
      req.socket.destroy();
      return true;
    case 'malformed':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"jobid": "truncated", "status": ');
      return true;
    case 'not-a-job':
      sendJson(res, 200, { status: 42, attachments: 'none' });
      return true;
    case 'delay':
      setTimeout(answer, fault.ms);
      return true;
  }
}
