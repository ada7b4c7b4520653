// The redaction lives in core: the job store applies it before anything reaches the jobs database.
export { redactSecrets } from '../core/redact.js';
