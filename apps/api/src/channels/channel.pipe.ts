import { AppError } from '@app/common';
import { Channel, CHANNELS } from '@app/db';
import { Injectable, PipeTransform } from '@nestjs/common';

/** A `:channel` path segment: one of the five channels, or, like an id that names nothing, a 404. */
@Injectable()
export class ChannelPipe implements PipeTransform<string, Channel> {
  transform(value: string): Channel {
    const channel = value?.toLowerCase();
    if (!(CHANNELS as readonly string[]).includes(channel)) throw AppError.notFound('Channel');
    return channel as Channel;
  }
}
