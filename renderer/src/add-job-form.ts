import { LitElement, html } from 'lit';
import { JOBID_INPUT_HINT } from '../../main/core/api/jobid-input-hint.js';
import { bridge } from './bridge.js';
import { loadJobidInput } from './later-parts.js';

export const ALREADY_TRACKED = 'Already tracked — selected.';

/**
 * The add field: what was pasted is checked here first (the main process checks it again), a refusal
 * says why next to the field, and a job tracked before is selected (`select-job`, bubbling through
 * the app) rather than added twice in silence. `job-added` tells the window a new job is tracked.
 */
export class AddJobForm extends LitElement {
  static override properties = {
    focusOnOpen: { type: Boolean, attribute: 'focus-on-open' },
    error: { state: true },
    note: { state: true },
  };
  declare focusOnOpen: boolean;
  /** Why what was pasted is not a job. */
  declare error: string;
  /** What happened instead of adding (the job was tracked already). */
  declare note: string;

  constructor() {
    super();
    this.focusOnOpen = false;
    this.error = '';
    this.note = '';
  }

  protected override createRenderRoot() {
    return this;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('job') as HTMLInputElement;
    const { parseJobidInput } = await loadJobidInput();
    const parsed = parseJobidInput(input.value);
    // What is wrong, in a line or two (main says the same): the placeholder says what to paste.
    if (!parsed.ok) return void ([this.error, this.note] = [parsed.problem, '']);
    const result = await bridge().addJob(input.value);
    if (!result.ok) return void ([this.error, this.note] = [result.reason, '']);
    [this.error, this.note] = ['', result.alreadyTracked ? ALREADY_TRACKED : ''];
    input.value = '';
    if (result.alreadyTracked)
      this.dispatchEvent(new CustomEvent('select-job', { detail: result.jobid, bubbles: true }));
    else this.dispatchEvent(new CustomEvent('job-added', { detail: result.jobid, bubbles: true }));
  }

  override render() {
    return html`<form class="add" @submit=${(e: SubmitEvent) => this.#submit(e)} novalidate>
      <span class="add-field">
        <label for="add-job" class="visually-hidden">Add a job</label>
        <input
          id="add-job"
          name="job"
          autocomplete="off"
          spellcheck="false"
          placeholder="Add a job: v1 jobid, v2 video id, URL or JSON"
          title=${JOBID_INPUT_HINT}
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby="add-error add-note add-hint"
          ?autofocus=${this.focusOnOpen}
          @input=${() => ([this.error, this.note] = ['', ''])}
        />
        <button type="submit">Add</button>
      </span>
      <span id="add-hint" class="visually-hidden">${JOBID_INPUT_HINT}</span>
      <p id="add-error" class="error" role="alert">${this.error}</p>
      <p id="add-note" class="hint" role="status">${this.note}</p>
    </form>`;
  }
}
customElements.define('add-job-form', AddJobForm);
