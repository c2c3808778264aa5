import { Module } from '@nestjs/common';
import { ImportReceiver } from '../uploads/import-receiver';
import { LeadImportsController } from './imports/lead-imports.controller';
import { LeadsController } from './leads.controller';

@Module({ controllers: [LeadImportsController, LeadsController], providers: [ImportReceiver] })
export class LeadsModule {}
