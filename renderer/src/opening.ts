import type {
  AppState,
  EventChannel,
  EventPayload,
  InvokeArgs,
  InvokeResult,
} from '../../main/ipc/contract.js';
import { bridge } from './bridge.js';
import { PAGE_SIZE } from './job-pages.js';

type PageQuery = InvokeArgs<'queryJobs'>[0];
type PageAnswer = InvokeResult<'queryJobs'>;
export type WindowListeners = { [E in EventChannel]: (payload: EventPayload<E>) => void };

/** What the window shows first: the newest jobs, unfiltered. */
const FIRST_QUERY: PageQuery = { filter: 'all', search: '', offset: 0, limit: PAGE_SIZE };

// This module runs before Lit and the components are evaluated (main.ts imports it first): the
// main process works on the first page while the rest of the script evaluates.
// Pushed events are subscribed to before anything is asked, and held until the window takes them:
// a change that happens between the first answer and the window's own subscription is not lost.
const held: { [E in EventChannel]: [E, EventPayload<E>] }[EventChannel][] = [];
let listeners: WindowListeners | undefined;
/** Whether a job changed before the window listened: the early answer may then be older than that. */
let changedMeanwhile = false;
const deliver =
  <E extends EventChannel>(event: E) =>
  (payload: EventPayload<E>): void => {
    if (listeners) return listeners[event](payload);
    held.push([event, payload] as (typeof held)[number]);
    if (event === 'jobChanged' || event === 'jobRemoved') changedMeanwhile = true;
  };
const api = bridge();
api.onJobChanged(deliver('jobChanged'));
api.onJobRemoved(deliver('jobRemoved'));
api.onStateChanged(deliver('stateChanged'));
api.onShowView(deliver('showView'));
api.onSelectJob(deliver('selectJob'));

let firstPage: Promise<PageAnswer> | undefined = api.queryJobs(FIRST_QUERY);
const firstState: Promise<AppState> = api.getState();
// Until the window takes them, a failure is the window's to handle, not an unhandled rejection.
firstPage.catch(() => {});
firstState.catch(() => {});

/** The window's listeners for pushed events; those that arrived before are delivered first, in order. */
export function listen(windowListeners: WindowListeners): void {
  listeners = windowListeners;
  for (const [event, payload] of held.splice(0)) (listeners[event] as (p: typeof payload) => void)(payload);
}

const sameQuery = (a: PageQuery, b: PageQuery) =>
  a.filter === b.filter && a.search === b.search && a.offset === b.offset && a.limit === b.limit;

/**
 * One page of jobs: the first page's answer already on its way when it is that, once, and no job
 * changed before the window listened (the window's first load would take the older answer as the
 * newer, and drop the reload the change asked for): it asks afresh then.
 */
export function queryJobs(query: PageQuery): Promise<PageAnswer> {
  const early = firstPage;
  firstPage = undefined;
  if (early && !changedMeanwhile && sameQuery(query, FIRST_QUERY)) return early;
  return api.queryJobs(query);
}

/** The app's state, asked for as the window opened. */
export const openingState = (): Promise<AppState> => firstState;
