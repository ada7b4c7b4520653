import { ModelJob, mulberry32, type JobPlan } from './model-job.js';

export const WORKLOADS = ['1 job', '3 jobs', '10 jobs', 'day', '200 jobs'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

const S = 1000;
const MIN = 60 * S;

export type Api = 'v1' | 'v2';

/** Generation time by model (v1 has styles): lengths differ by model, as they do on PixVerse. */
export const MODELS: Record<Api, Record<string, readonly [number, number]>> = {
  v1: { Anime: [1 * MIN, 5 * MIN], '3D Animation': [2 * MIN, 8 * MIN], Realistic: [3 * MIN, 12 * MIN] },
  v2: { 'v5-fast': [1 * MIN, 4 * MIN], 'v4.5': [2 * MIN, 7 * MIN], v5: [3 * MIN, 12 * MIN] },
};

/**
 * The jobs of a workload, drawn from `seed`. An account runs at most `slots` jobs at once: each
 * slot starts its next job a little after the previous one is final.
 */
export function workload(name: WorkloadName, seed: number, api: Api = 'v1'): JobPlan[] {
  const random = mulberry32(seed ^ hash(name));
  const draw = new JobDraw(random, name, api);
  switch (name) {
    case '1 job':
      return slots(draw, random, 1, 80);
    case '3 jobs':
      return slots(draw, random, 3, 30);
    case '10 jobs':
      return slots(draw, random, 10, 12);
    case 'day':
      return bursts(draw, random, 300);
    case '200 jobs':
      // The old benchmark's shape: 200 jobs created within 2 minutes, each 2–12 minutes long.
      return Array.from({ length: 200 }, () =>
        draw.job(random() * 2 * MIN, { queueMs: 0, runMs: (2 + 10 * random()) * MIN }),
      );
  }
}

function slots(draw: JobDraw, random: () => number, count: number, perSlot: number): JobPlan[] {
  const plans: JobPlan[] = [];
  for (let slot = 0; slot < count; slot++) {
    let at = random() * 5 * MIN;
    for (let i = 0; i < perSlot; i++) {
      const plan = draw.job(at);
      plans.push(plan);
      at = finalOffset(plan) + 5 * S + random() * 3 * MIN;
    }
  }
  return plans.sort((a, b) => a.submitAt - b.submitAt);
}

/** Bursts of 3–10 jobs created within 2 minutes; the next burst 5–90 minutes after the last one ends. */
function bursts(draw: JobDraw, random: () => number, total: number): JobPlan[] {
  const plans: JobPlan[] = [];
  let at = 0;
  while (plans.length < total) {
    const size = Math.min(total - plans.length, 3 + Math.floor(random() * 8));
    const burst = Array.from({ length: size }, () => draw.job(at + random() * 2 * MIN));
    plans.push(...burst);
    at = Math.max(...burst.map(finalOffset)) + (5 + 85 * random()) * MIN;
  }
  return plans;
}

class JobDraw {
  #serial = 0;
  constructor(
    private readonly random: () => number,
    private readonly name: string,
    private readonly api: Api,
  ) {}

  #id(): string {
    const serial = ++this.#serial;
    return this.api === 'v2'
      ? `user:1-pixverse:bench@example.com-video:${serial}`
      : `bench-${this.name.replace(/\s+/g, '')}-${serial}`;
  }

  job(submitAt: number, fixed: Partial<Pick<JobPlan, 'queueMs' | 'runMs'>> = {}): JobPlan {
    const r = this.random;
    const models = Object.keys(MODELS[this.api]);
    const model = models[Math.floor(r() * models.length)]!;
    const [shortest, longest] = MODELS[this.api][model]!;
    const roll = r();
    const outcome = roll < 0.04 ? 'failed' : roll < 0.08 ? 'moderated' : 'completed';
    return {
      id: this.#id(),
      source: this.api,
      model,
      submitAt,
      // Mostly a short wait; one job in six waits 1–5 minutes.
      queueMs: fixed.queueMs ?? (r() < 0.17 ? (1 + 4 * r()) * MIN : r() * 45 * S),
      runMs: fixed.runMs ?? shortest + (longest - shortest) * r(),
      outcome,
      // Failures and moderation come late: after 60 % and 80 % of the generation.
      stopsAt: outcome === 'failed' ? 0.6 + 0.4 * r() : 0.8 + 0.2 * r(),
      curve: 0.7 + 0.7 * r(),
      seed: Math.floor(r() * 2 ** 31),
      refresh: { periodMs: (15 + 45 * r()) * S, regular: r() < 0.7 },
      queueGuess: 0.6 + 0.8 * r(),
    };
  }
}

const finalOffset = (plan: JobPlan): number => new ModelJob(plan, 0).finalAt;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** What was drawn, in one line: so a reader sees the mix the figures come from. */
export function describeMix(plans: JobPlan[]): string {
  const count = (predicate: (p: JobPlan) => boolean) => plans.filter(predicate).length;
  const models = Object.keys(MODELS[plans[0]?.source ?? 'v1'])
    .map((m) => `${m} ${count((p) => p.model === m)}`)
    .join(', ');
  const minutes = plans.map((p) => (p.queueMs + p.runMs) / MIN).sort((a, b) => a - b);
  const queuedLong = count((p) => p.queueMs >= MIN);
  return (
    `${plans.length} jobs (${models}); ${count((p) => p.outcome === 'failed')} fail, ` +
    `${count((p) => p.outcome === 'moderated')} moderated; ${queuedLong} queued over 1 min; ` +
    `${minutes[0]!.toFixed(1)}–${minutes.at(-1)!.toFixed(1)} min; ` +
    `${count((p) => p.refresh.regular)} refreshed on a steady cadence, the rest at random 15–60 s`
  );
}
