import { AppError } from '@app/common';
import type { MessageAttachmentRef } from '@app/db';
import { mediaExtension, type MessagingChannel } from '@app/providers';

const MB = 1024 * 1024;

/** What the adapters send as a picture, judged as they judge it: by the extension of the file's name in its link. */
const PICTURES: Partial<Record<MessagingChannel, ReadonlySet<string>>> = {
  whatsapp: new Set(['jpg', 'jpeg', 'png']),
  telegram: new Set(['jpg', 'jpeg', 'png', 'webp']),
};
/** What WhatsApp Cloud sends as a video or a sound (16 MB); any other file not a picture is a document (100 MB). */
const META_AUDIO_VIDEO = new Set(['mp4', '3gp', 'aac', 'amr', 'mp3', 'm4a', 'ogg', 'oga', 'opus']);

/**
 * The largest file each provider fetches from a link, as its documentation states: Twilio 5 MB for a whole MMS and
 * 16 MB for a WhatsApp message (5 MB for a picture); WhatsApp Cloud 5 MB for a picture, 16 MB for a video or a
 * sound, 100 MB for a document; Telegram (a file sent by URL) 5 MB for a photo, 20 MB for anything else. The
 * simulator stands in for Twilio (SMS, WhatsApp) and Telegram. Email has no such limit here.
 */
function fileLimit(channel: MessagingChannel, provider: string, name: string): [number, string] | null {
  const ext = mediaExtension(name);
  if (PICTURES[channel]?.has(ext)) return [5 * MB, 'a picture'];
  if (channel === 'telegram') return [20 * MB, 'a file that is not a photo'];
  if (channel !== 'whatsapp') return null;
  if (provider !== 'whatsapp_cloud') return [16 * MB, 'a file'];
  return META_AUDIO_VIDEO.has(ext) ? [16 * MB, 'a video or a sound'] : [100 * MB, 'a document'];
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/**
 * Refuses (400 naming `attachment_ids`, before anything is recorded) uploaded files larger than the channel's
 * provider fetches: sent, the message would only come back failed.
 */
export function checkFileSizes(
  channel: MessagingChannel,
  provider: string,
  files: Pick<MessageAttachmentRef, 'filename' | 'size'>[],
): void {
  if (channel === 'sms') {
    const total = files.reduce((sum, f) => sum + f.size, 0);
    if (total > 5 * MB)
      throw AppError.field(
        'attachment_ids',
        `names files of ${mb(total)} in all: an MMS carries at most 5 MB (${provider} on sms)`,
      );
    return;
  }
  for (const file of files) {
    const limit = fileLimit(channel, provider, file.filename ?? '');
    if (limit && file.size > limit[0])
      throw AppError.field(
        'attachment_ids',
        `names a file of ${mb(file.size)} (${file.filename ?? 'unnamed'}): ${provider} takes ${limit[1]} of at most ${mb(limit[0])} on ${channel}`,
      );
  }
}
