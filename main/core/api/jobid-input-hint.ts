/** What may be pasted to add a job: said after each refusal, and by the window's add field on hover. */
export const JOBID_INPUT_HINT =
  'Paste a v1 jobid, a v2 video id (user:…-pixverse:…-video:…), a useapi.net job URL or curl line, ' +
  'or a JSON answer from useapi.net.';
