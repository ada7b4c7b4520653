import { countdown, timeAgo } from './format.js';
import { timeLeft } from './job-words.js';

/** Relative times move by the minute: every 30 s is enough, and cheaper than every second. */
export const RELATIVE_TICK_MS = 30_000;
/** A countdown in seconds ("Next request in 40 s") moves every second, while one is on screen. */
export const COUNTDOWN_TICK_MS = 1000;

const WORDS = { ago: timeAgo, left: (iso: string | undefined) => timeLeft(iso) ?? '', countdown };
type Kind = keyof typeof WORDS;

/** One timer per period for every element that needs it, running only while one is on screen. */
const tickers = new Map<number, { timer: ReturnType<typeof setInterval>; elements: Set<ClockText> }>();

function follow(element: ClockText, period: number): void {
  let ticker = tickers.get(period);
  if (!ticker) {
    const elements = new Set<ClockText>();
    const timer = setInterval(() => elements.forEach((e) => e.refresh()), period);
    tickers.set(period, (ticker = { timer, elements }));
  }
  ticker.elements.add(element);
}

function unfollow(element: ClockText): void {
  for (const [period, ticker] of tickers) {
    if (!ticker.elements.delete(element) || ticker.elements.size > 0) continue;
    clearInterval(ticker.timer);
    tickers.delete(period);
  }
}

/**
 * `<clock-text kind="ago|left|countdown" datetime="ISO">`: a time relative to now that keeps itself
 * current on a shared timer, without asking the main process anything or re-rendering its row.
 */
export class ClockText extends HTMLElement {
  static observedAttributes = ['datetime', 'kind'];

  get #kind(): Kind {
    const kind = this.getAttribute('kind');
    return kind === 'left' || kind === 'countdown' ? kind : 'ago';
  }

  connectedCallback(): void {
    this.refresh();
    follow(this, this.#kind === 'countdown' ? COUNTDOWN_TICK_MS : RELATIVE_TICK_MS);
  }

  disconnectedCallback(): void {
    unfollow(this);
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.refresh();
  }

  refresh(): void {
    const text = WORDS[this.#kind](this.getAttribute('datetime') ?? undefined);
    if (this.textContent !== text) this.textContent = text;
  }
}
customElements.define('clock-text', ClockText);
