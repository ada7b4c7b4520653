// An answer that is no video (an error page, an API error, an empty or compressed body), told by its headers.
import type { DownloadResponse } from './transport.js';

// What a server sends instead of the video: an error or sign-in page, an API error, a text.
const NOT_VIDEO_TYPE = /^(text\/|application\/(json|xml|xhtml\+xml|problem\+json|problem\+xml)\s*(;|$))/i;

/**
 * What the answer's headers show it to be instead of the video's bytes as they are, if they do: a
 * plain noun phrase ("a web page (text/html)"). A text type with exactly the video's size is taken:
 * a mislabelled video, not an error page.
 */
export function notAVideo(
  response: DownloadResponse,
  length: number | undefined,
  expectedSize: number | undefined,
): string | undefined {
  if (length === 0 && response.status === 200) return 'an empty file';
  const type = response.header('content-type')?.trim() ?? '';
  const sizedAsTheVideo = expectedSize !== undefined && length === expectedSize;
  if (NOT_VIDEO_TYPE.test(type) && !sizedAsTheVideo) {
    const mime = type.split(';')[0]!.trim().toLowerCase().slice(0, 60);
    return mime === 'text/html' ? 'a web page (text/html)' : `an answer of type ${mime}`;
  }
  // Asked for `identity`: a compressed body would be saved as it came, not as the video.
  const encoding = response.header('content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity' && encoding !== 'none')
    return `a compressed body (${encoding.slice(0, 40)}) though none was asked for`;
  return undefined;
}
