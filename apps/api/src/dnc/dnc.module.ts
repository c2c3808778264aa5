import { Module } from '@nestjs/common';
import { ImportReceiver } from '../uploads/import-receiver';
import { DncController } from './dnc.controller';

@Module({ controllers: [DncController], providers: [ImportReceiver] })
export class DncModule {}
