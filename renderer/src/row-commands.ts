import type { JobView } from '../../main/ipc/contract.js';
import { runJobAction, type ActionHost, type JobActionKind } from './job-actions.js';
import type { JobMenu } from './job-menu.js';

type JobActionRequest = { kind: JobActionKind; job: JobView };
type MenuRequest = { job: JobView; anchor: HTMLElement };

/**
 * Where the window runs what its rows and the job menu ask: `job-action` (a button, a menu item)
 * and `menu-request` (a row's "More actions" button) bubble up to `root`, which holds <job-menu>.
 */
export class RowCommands {
  constructor(
    private readonly root: HTMLElement,
    private readonly host: ActionHost & { select(job: JobView): void },
  ) {
    root.addEventListener('job-action', (event) => {
      const { kind, job } = (event as CustomEvent<JobActionRequest>).detail;
      this.act(kind, job);
    });
    root.addEventListener('menu-request', (event) => {
      const { job, anchor } = (event as CustomEvent<MenuRequest>).detail;
      const box = anchor.getBoundingClientRect();
      host.select(job);
      this.openMenu(job, { x: box.left, y: box.bottom }, anchor);
    });
  }

  act(kind: JobActionKind, job: JobView): void {
    void runJobAction(kind, job, this.host);
  }

  /** Opens the job's menu at `at`; it gives the focus back to `returnFocus` (the list by default). */
  openMenu(job: JobView, at: { x: number; y: number }, returnFocus?: HTMLElement): void {
    const back = returnFocus ?? this.root.querySelector<HTMLElement>('job-list') ?? undefined;
    this.root.querySelector<JobMenu>('job-menu')?.open(job, at, back);
  }
}
