import { AuthenticatedRequest, Authenticated, CurrentAuth, OptionalAuth, Public, RateLimit } from '@app/auth';
import { ApiEnvelope, ApiErrors, ErrorCode } from '@app/common';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AuthService } from './auth.service';
import { AuthResultDto, LogoutResultDto, MeDto, VerifyDto } from './dto/auth-responses.dto';
import { LoginDto } from './dto/login.dto';
import { LogoutDto, RefreshDto } from './dto/refresh.dto';
import { RegisterDto } from './dto/register.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Public()
  @RateLimit('auth')
  // Either no credentials (a new tenant) or an admin's token (a user of its tenant): `{}` makes the token optional.
  @ApiSecurity({})
  @ApiBearerAuth('bearer')
  @ApiOperation({
    summary: 'Register a tenant and its admin, or (with an admin token) add a user to that tenant',
    description:
      "Without a token: creates a tenant named `tenant_name` and makes you its admin. With a tenant admin's token: adds the user to that tenant with `role` (default agent). `tenant_name` without `tenant_id` and `role` creates a tenant, with a token or without; with either of them it is refused (400). `tenant_id` or `role` without an admin token is refused.",
  })
  @ApiBody({
    type: RegisterDto,
    examples: {
      newTenant: {
        summary: 'A new tenant and its admin',
        value: {
          email: 'ana@acme.example',
          password: 'correct horse battery staple',
          first_name: 'Ana',
          last_name: 'Silva',
          tenant_name: 'Acme Outreach',
        },
      },
      joinTenant: {
        summary: "A user of the admin's tenant (admin token)",
        value: {
          email: 'sam@acme.example',
          password: 'correct horse battery staple',
          first_name: 'Sam',
          last_name: 'Lee',
          tenant_id: '0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f',
          role: 'manager',
        },
      },
    },
  })
  @ApiEnvelope(AuthResultDto, { status: 201, description: 'Registered; tokens for the new user' })
  @ApiErrors(
    ErrorCode.VALIDATION_ERROR,
    ErrorCode.AUTHENTICATION_REQUIRED,
    ErrorCode.AUTHORIZATION_FAILED,
    ErrorCode.NOT_FOUND,
    ErrorCode.CONFLICT,
  )
  register(
    @Body() dto: RegisterDto,
    @OptionalAuth() caller: AuthContext | undefined,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.auth.register(dto, caller, req.authError);
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @RateLimit('auth')
  @ApiOperation({
    summary: 'Log in by email, or by username with the tenant (slug or name, seed 003 clinicName)',
    description:
      'Limited twice (429 RATE_LIMIT_EXCEEDED with Retry-After): per client IP as every credential route, and per account: after LOGIN_THROTTLE_ATTEMPTS logins of one email (or one username in its tenant) without a success, from any IPs, its logins are refused, the right password too, until LOGIN_THROTTLE_WINDOW_SECONDS after the first of them (10 in 15 minutes by default). A successful login starts the count again. An email or username that names no user is counted and refused the same way.',
  })
  @ApiEnvelope(AuthResultDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.AUTHENTICATION_REQUIRED, ErrorCode.RATE_LIMIT_EXCEEDED)
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @RateLimit('auth')
  @ApiOperation({
    summary: 'Trade a refresh token for a new token pair (the old refresh token is revoked)',
    description:
      'A refresh token works once, but for 10 s after it was first traded (two tabs refreshing at once each get a pair). Presenting it after that (a replay: it was copied) is refused and ends its whole session, so the pairs it was traded for are refused too: log in again.',
  })
  @ApiEnvelope(AuthResultDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.AUTHENTICATION_REQUIRED, ErrorCode.SERVICE_UNAVAILABLE)
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refresh_token);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The caller: the signed-in user, or the API key, with its tenant' })
  @ApiEnvelope(MeDto)
  me(@CurrentAuth() auth: AuthContext) {
    return this.auth.me(auth);
  }

  @Get('verify')
  @Authenticated()
  @ApiOperation({ summary: 'Check that the token is valid (seed 003)' })
  @ApiEnvelope(VerifyDto)
  verify(@CurrentAuth() auth: AuthContext) {
    return this.auth.verify(auth);
  }

  @Post('logout')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({
    summary: "End the session: the access token and the session's refresh token are refused from now on",
    description:
      'The refresh token of the login (and of every refresh since) is refused whether or not it is sent; other logins of the user keep theirs.',
  })
  @ApiEnvelope(LogoutResultDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.SERVICE_UNAVAILABLE)
  async logout(@CurrentAuth() auth: AuthContext, @Body() dto: LogoutDto) {
    await this.auth.logout(auth, dto?.refresh_token);
    return { message: 'Successfully logged out' };
  }
}
