import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, pageWindow } from '@app/common';
import { LeadLastContacts, LeadsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LeadInputDto } from '../leads/dto/lead-input.dto';
import { ContactDto, ContactQueryDto } from './dto/contact.dto';

/** Seed 004's contacts: the same people as the leads, in an address-book shape. */
@ApiTags('contacts')
@Controller('contacts')
@Authenticated()
export class ContactsController {
  constructor(
    private readonly leads: LeadsService,
    private readonly lastContacts: LeadLastContacts,
  ) {}

  @Get()
  @Roles('agent')
  @ApiOperation({ summary: 'The address book: full-text search, tags, sort by name, company or creation' })
  @ApiPage(ContactDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ContactQueryDto) {
    const filter = {
      search: query.search,
      tags: query.tags?.length ? query.tags : undefined,
      sort: ContactQueryDto.sortColumn(query.sort),
      order:
        query.order ??
        (query.sort && query.sort !== 'created_at' && query.sort !== 'createdAt' ? 'asc' : 'desc'),
    } as const;
    const page = await this.leads.list(auth, pageWindow(query), filter);
    const last = await this.lastContacts.of(
      auth.tenantId,
      page.items.map(({ lead }) => lead.id),
    );
    return page.map(({ lead }) => ContactDto.from(lead, last.get(lead.id)));
  }

  @Post()
  @Roles('manager')
  @ApiOperation({ summary: 'Add a contact (a lead): name, email, phone, company, position, tags, notes' })
  @ApiEnvelope(ContactDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.CONFLICT, ErrorCode.POLICY_VIOLATION)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: LeadInputDto) {
    return ContactDto.from(await this.leads.create(auth, dto));
  }
}
