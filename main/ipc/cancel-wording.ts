import type { JobSource } from '../core/jobs/job.js';

/** How a cancel is named and explained, for the window's confirmation and the tray's menu alike. */
export interface CancelWording {
  /** The button or menu item. */
  action: string;
  title: string;
  /** What really happens: v2's cancel only stops useapi's tracking, PixVerse goes on. */
  explain: string;
  confirm: string;
  keep: string;
}

const WORDING: Record<JobSource, CancelWording> = {
  v1: {
    action: 'Cancel',
    title: 'Cancel this job?',
    explain: 'useapi.net asks PixVerse to cancel it: the job stops and no video is made.',
    confirm: 'Cancel job',
    keep: 'Keep job',
  },
  // DELETE /v2/pixverse/scheduler/{id} frees useapi's slot; PixVerse itself cannot be stopped through v2.
  v2: {
    action: 'Stop tracking at useapi',
    title: 'Stop tracking at useapi?',
    explain:
      'useapi.net stops tracking this video and frees its slot for your next job. The generation goes on ' +
      'at PixVerse: the video still appears in your PixVerse account.',
    confirm: 'Stop tracking at useapi',
    keep: 'Keep tracking',
  },
};

export const cancelWording = (source: JobSource): CancelWording => WORDING[source];
