/** A small still image of a video, as the window shows it. */
export interface Thumbnail {
  mime: ThumbnailMime;
  bytes: Uint8Array;
}

export const THUMBNAIL_MIMES = ['image/jpeg', 'image/png'] as const;
export type ThumbnailMime = (typeof THUMBNAIL_MIMES)[number];

/** Takes a still of a video file's first frame; rejects when the file cannot be decoded. */
export interface FrameGrabber {
  grab(videoFile: string): Promise<Thumbnail>;
}

/** The largest thumbnail kept or sent to the window: a 320 px still is a few tens of KB. */
export const MAX_THUMBNAIL_BYTES = 256 * 1024;

const SIGNATURES: Record<ThumbnailMime, number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** The image type its first bytes say, or undefined when they are neither JPEG nor PNG. */
export function sniffThumbnail(bytes: Uint8Array): ThumbnailMime | undefined {
  return THUMBNAIL_MIMES.find((mime) => SIGNATURES[mime].every((byte, i) => bytes[i] === byte));
}

export const extensionOf = (mime: ThumbnailMime): string => (mime === 'image/png' ? 'png' : 'jpg');
