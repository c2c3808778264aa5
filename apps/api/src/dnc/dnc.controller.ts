import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, pageWindow, UuidPipe } from '@app/common';
import { DncService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Delete, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AddedDncEntryDto, CreateDncDto, DncEntryDto, DncQueryDto } from './dto/dnc.dto';

@ApiTags('dnc')
@Controller('dnc')
@Authenticated()
export class DncController {
  constructor(private readonly dnc: DncService) {}

  @Get()
  @Roles('agent')
  @ApiOperation({ summary: "The tenant's do-not-contact list" })
  @ApiPage(DncEntryDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: DncQueryDto) {
    return (await this.dnc.list(auth, pageWindow(query), query)).map(DncEntryDto.from);
  }

  @Post()
  @Roles('agent')
  @ApiOperation({
    summary: 'Put a phone or email on the do-not-contact list, for one channel or all',
    description:
      'Any role may add (an agent on a call hears "do not call me again"). Matching leads are flagged at once: do_not_call for all channels, opted_out_channels for one. Adding what is already there answers 200 with created false.',
  })
  @ApiEnvelope(AddedDncEntryDto, { status: 201 })
  @ApiEnvelope(AddedDncEntryDto, { status: 200, description: 'Already on the list' })
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async add(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: CreateDncDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AddedDncEntryDto> {
    const added = await this.dnc.add(auth, dto);
    void reply.status(added.created ? 201 : 200);
    return { ...DncEntryDto.from(added.entry), created: added.created, leads_flagged: added.leads_flagged };
  }

  @Delete(':id')
  @Roles('manager')
  @ApiOperation({ summary: 'Take an entry off the list; matching leads lose the flag it set' })
  @ApiEnvelope(DncEntryDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async remove(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new UuidPipe('Do-not-contact entry')) id: string,
  ) {
    return DncEntryDto.from(await this.dnc.remove(auth, id));
  }
}
