export type MediaKind = 'image' | 'video' | 'audio' | 'document';

const BY_EXTENSION: Record<string, MediaKind> = {
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  webp: 'image',
  gif: 'image',
  mp4: 'video',
  '3gp': 'video',
  mov: 'video',
  mp3: 'audio',
  ogg: 'audio',
  oga: 'audio',
  m4a: 'audio',
  aac: 'audio',
  amr: 'audio',
  opus: 'audio',
};

/** What a media URL holds, judged by its file extension; anything unknown goes as a document. */
export function mediaKind(url: string): MediaKind {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // not an absolute URL: judge the string itself
  }
  const extension = path.split('.').pop()?.toLowerCase() ?? '';
  return BY_EXTENSION[extension] ?? 'document';
}
