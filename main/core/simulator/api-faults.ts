import type http from 'node:http';
import type { Fault } from './faults.js';
import { sendJson } from './http-util.js';

/** The error texts useapi.net answers with where a fault gives none. */
const STATUS_TEXT: Record<number, string> = {
  596: 'PixVerse account is in an error state, please add it again with POST /accounts',
};

/** How a fault looks in each API's words. */
const DIALECTS = {
  v1: {
    busy: 'Too Many Requests',
    truncated: '{"jobid": "truncated", "status": ',
    notAJob: { status: 42, attachments: 'none' },
  },
  v2: {
    busy: 'All configured PixVerse accounts are busy, please try again later',
    truncated: '{"video_id": "truncated", "video_status": ',
    notAJob: { video_status: 'done', url: 42, queue_data: 'none' },
  },
};

/** Returns true when the fault took over the response; `answer` is the normal reply (delays). */
export function applyFault(
  fault: Fault,
  api: 'v1' | 'v2',
  req: http.IncomingMessage,
  res: http.ServerResponse,
  answer: () => void,
): boolean {
  const dialect = DIALECTS[api];
  switch (fault.kind) {
    case 'status': {
      const error = fault.error ?? STATUS_TEXT[fault.status] ?? `Simulated ${fault.status}`;
      sendJson(res, fault.status, { error, code: fault.status });
      return true;
    }
    case 'rate-limit': {
      const headers = fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
      const body = fault.executingJobs
        ? {
            error: 'Account has reached maximum number of executing jobs',
            executingJobs: ['job-a', 'job-b'],
            code: 429,
          }
        : { error: dialect.busy, code: 429 };
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
      res.end(dialect.truncated);
      return true;
    case 'not-a-job':
      sendJson(res, 200, dialect.notAJob);
      return true;
    case 'delay':
      setTimeout(answer, fault.ms);
      return true;
  }
}

/** 401 without the account's token, 402 without a subscription: both APIs answer alike. */
export function refusedAccount(
  account: { readonly subscriptionActive: boolean },
  authorized: boolean,
  res: http.ServerResponse,
): boolean {
  if (!authorized) sendJson(res, 401, { error: 'Unauthorized', code: 401 });
  else if (!account.subscriptionActive)
    sendJson(res, 402, { error: 'Account has no subscription or subscription expired', code: 402 });
  else return false;
  return true;
}
