// The redaction lives in core: the job store applies it before anything reaches the jobs file.
export { redactSecrets } from '../core/redact.js';
