import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import {
  FetchedMedia,
  InboundAttachment,
  InboundMessage,
  MessagingPort,
  ProviderError,
} from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { SendingChannels } from '../messaging/sending-channels';
import { InboundAttachments } from './inbound-attachments';
import { PENDING_EVENT_AGE_MS } from './pending-events-sweeper';

/**
 * While an event is younger than this, a file that could not be fetched for now fails its job, to be tried again.
 * The job's own five tries (about 30 s) fall within it; the inbound sweep's first new try of the event (after
 * PENDING_EVENT_AGE_MS) comes after it, and records the message without the file: it is never left unrecorded.
 */
export const MEDIA_RETRY_WINDOW_MS = PENDING_EVENT_AGE_MS / 2;

/** The recorded event a message came in. */
export interface MediaEventRef {
  provider: string;
  received_at: Date;
}

/**
 * The files an inbound message names by reference (a Twilio media URL, a Meta media id, a Telegram file id),
 * downloaded in the worker with the tenant's credentials and stored as an email's files are, before the message is
 * recorded, under the same derived ids (a retry finds them stored). A file the provider cannot give for now (its rate limit, an
 * outage) fails the job while the event is young (MEDIA_RETRY_WINDOW_MS), so it is tried again; one it refuses
 * (gone, too large), or still missing after that, is left out: the message is recorded without it and the loss is
 * logged.
 */
@Injectable()
export class InboundMedia {
  private readonly logger = new Logger(InboundMedia.name);

  constructor(
    private readonly attachments: InboundAttachments,
    private readonly channels: SendingChannels,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async fetch(tenantId: string, event: MediaEventRef, message: InboundMessage): Promise<InboundMessage> {
    const named = message.attachments ?? [];
    if (!named.some((a) => a.source && !a.id)) return message;
    const channel = await this.channels.resolve(tenantId, message.channel);
    const attachments: InboundAttachment[] = [];
    for (const [n, file] of named.entries()) {
      if (!file.source || file.id) {
        attachments.push(file);
        continue;
      }
      const stored = await this.attachments.storedRef(tenantId, event.provider, message, n);
      if (stored) {
        attachments.push(stored);
        continue;
      }
      // The channel moved to another provider since: this one's ids mean nothing to it.
      const fetched =
        channel.provider === event.provider
          ? await this.download(channel.port, file.source, event)
          : undefined;
      if (!fetched) {
        this.logger.warn(
          { tenant_id: tenantId, provider: event.provider, message: message.provider_message_id },
          'A file of an inbound message could not be fetched: recorded without it',
        );
        continue;
      }
      const content_type =
        file.content_type === 'application/octet-stream' && fetched.content_type
          ? fetched.content_type
          : file.content_type;
      attachments.push(
        await this.attachments.storeOne(
          tenantId,
          event.provider,
          message,
          n,
          { ...file, content_type },
          fetched.content,
        ),
      );
    }
    return { ...message, attachments };
  }

  private async download(
    port: MessagingPort,
    source: string,
    event: MediaEventRef,
  ): Promise<FetchedMedia | undefined> {
    try {
      return await port.fetchMedia(source, this.config.mediaMaxBytes);
    } catch (err) {
      const young = this.clock.now().getTime() - event.received_at.getTime() < MEDIA_RETRY_WINDOW_MS;
      if (young && !(err instanceof ProviderError && !err.retryable)) throw err;
      this.logger.warn({ err, provider: event.provider }, 'Media file not fetched');
      return undefined;
    }
  }
}
