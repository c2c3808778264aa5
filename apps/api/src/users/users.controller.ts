import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, pageWindow, UuidPipe } from '@app/common';
import { UsersService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user-input.dto';
import { UserDto } from './dto/user.dto';

const uuid = new UuidPipe('User');

@ApiTags('users')
@Controller('users')
@Authenticated()
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: "List the tenant's users" })
  @ApiPage(UserDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ListUsersQueryDto) {
    return (await this.users.list(auth, pageWindow(query), query)).map(UserDto.from);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user in the tenant' })
  @ApiEnvelope(UserDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.CONFLICT)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateUserDto) {
    return UserDto.from(await this.users.create(auth, dto));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user of the tenant' })
  @ApiEnvelope(UserDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async get(@CurrentAuth() auth: AuthContext, @Param('id', uuid) id: string) {
    return UserDto.from(await this.users.get(auth, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a user's name, role, phone, password or active flag" })
  @ApiEnvelope(UserDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  async update(@CurrentAuth() auth: AuthContext, @Param('id', uuid) id: string, @Body() dto: UpdateUserDto) {
    return UserDto.from(await this.users.update(auth, id, dto));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Deactivate a user: they can no longer sign in and their tokens stop working' })
  @ApiEnvelope(UserDto)
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  async deactivate(@CurrentAuth() auth: AuthContext, @Param('id', uuid) id: string) {
    return UserDto.from(await this.users.deactivate(auth, id));
  }
}
