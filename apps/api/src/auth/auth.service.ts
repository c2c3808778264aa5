import { issuedBeforeRevocation, PasswordHasher, TokenService } from '@app/auth';
import { AppError } from '@app/common';
import type { TenantEntity, UserEntity } from '@app/db';
import { ApiKeysService, TenantsService, UsersRepository, UsersService } from '@app/domain';
import { LiveEvents } from '@app/events';
import type { AuthContext } from '@app/tenancy';
import { Injectable, Logger } from '@nestjs/common';
import {
  ApiKeyPrincipalDto,
  AuthResultDto,
  AuthUserDto,
  MeDto,
  TenantRefDto,
  VerifyDto,
} from './dto/auth-responses.dto';
import type { LoginDto } from './dto/login.dto';
import { LoginThrottle, loginIdentity } from './login-throttle';
import type { RegisterDto } from './dto/register.dto';

/** How long a refresh token just traded for a new pair is still traded again (a second tab refreshing at once). */
const CONCURRENT_REFRESH_GRACE_MS = 10_000;

/** The nil UUID, which no tenant has: where a username login of an unknown tenant looks its user up. */
const NO_TENANT_ID = '00000000-0000-0000-0000-000000000000';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersService,
    private readonly userRows: UsersRepository,
    private readonly tenants: TenantsService,
    private readonly apiKeys: ApiKeysService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly live: LiveEvents,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * Without credentials: creates a tenant and its admin. With a tenant admin's credentials: adds a user to that
   * tenant, with the role asked for (agent by default). Joining a tenant or choosing a role needs that admin.
   */
  async register(
    dto: RegisterDto,
    caller: AuthContext | undefined,
    callerError?: AppError,
  ): Promise<AuthResultDto> {
    // A tenant_name alone creates a tenant whoever asks: with a token it is not taken for a user of the caller's.
    const joining =
      dto.tenant_id !== undefined ||
      dto.role !== undefined ||
      (caller !== undefined && dto.tenant_name === undefined);
    if (!joining) return this.registerTenant(dto);
    if (!caller)
      throw (
        callerError ??
        AppError.unauthenticated("Joining a tenant or choosing a role needs that tenant's admin token")
      );
    if (dto.tenant_name !== undefined)
      throw AppError.field('tenant_name', 'creates a tenant of its own: send it without tenant_id and role');
    if (caller.role !== 'admin')
      throw AppError.forbidden("Adding users to a tenant needs that tenant's admin");
    // A UUID in any case names the same tenant.
    if (dto.tenant_id !== undefined && dto.tenant_id.toLowerCase() !== caller.tenantId)
      throw AppError.notFound('Tenant');
    const tenant = await this.tenants.get(caller.tenantId);
    const user = await this.users.createInTenant(tenant.id, { ...dto, role: dto.role ?? 'agent' }, caller);
    return this.result(user, tenant);
  }

  private async registerTenant(dto: RegisterDto): Promise<AuthResultDto> {
    if (!dto.tenant_name) throw AppError.field('tenant_name', 'is required to create a tenant');
    if (await this.userRows.emailTaken(dto.email))
      throw AppError.conflict('A user with this email already exists');
    const { user, tenant } = await this.tenants.registerWithAdmin(dto.tenant_name, dto);
    return this.result(user, tenant);
  }

  /**
   * Counted by the login throttle before anything is looked up (so a refusal says nothing of the account); a
   * username login first resolves its tenant, so the tenant's slug and name count as one. A refused login does
   * the same work before its answer whether or not the account (or a username's tenant) exists (one user look-up,
   * one argon2 verification), so its time does not tell: a known user's failed login is recorded once the refusal
   * is on its way.
   */
  async login(dto: LoginDto): Promise<AuthResultDto> {
    const tenant = dto.username !== undefined ? await this.tenants.findByRef(dto.tenant as string) : null;
    const identity = loginIdentity(dto, tenant);
    await this.throttle.attempt(identity);
    const found = await this.findForLogin(dto, tenant);
    const valid = found
      ? await this.hasher.verify(found.user.passwordHash, dto.password)
      : (await this.hasher.burn(dto.password), false);
    if (!found || !valid || !found.user.isActive) {
      if (found) this.recordFailedLater(found.user);
      throw AppError.unauthenticated('Invalid credentials');
    }
    const { user } = found;
    await this.users.recordLogin(user);
    await this.throttle.succeeded(identity);
    return this.result(user, found.tenant);
  }

  /** The user a login names: by username in `tenant` (resolved from its `tenant`), or by email. */
  private async findForLogin(
    dto: LoginDto,
    tenant: TenantEntity | null,
  ): Promise<{ user: UserEntity; tenant: TenantEntity } | null> {
    if (dto.username !== undefined) {
      // An unknown tenant's login looks its user up too (in no tenant, finding none), so its refusal takes the
      // steps of an unknown user's in a known tenant, and its time does not tell which tenants exist.
      const user = await this.userRows.findForLoginByUsername(tenant?.id ?? NO_TENANT_ID, dto.username);
      return tenant && user ? { user, tenant } : null;
    }
    const user = await this.userRows.findForLoginByEmail(dto.email as string);
    const own = user?.tenant;
    if (!user || !own) return null;
    if (
      dto.tenant !== undefined &&
      own.slug !== dto.tenant.trim() &&
      own.name.toLowerCase() !== dto.tenant.trim().toLowerCase()
    ) {
      return null;
    }
    return { user, tenant: own };
  }

  /**
   * Records a known user's failed login for the audit trail after the refusal is answered (in the next turn of the
   * event loop, which the answer's write does not wait for): a write before it made a known email's refusal slower
   * than an unknown one's. A write that fails is logged; the refusal stands.
   */
  private recordFailedLater(user: UserEntity): void {
    setImmediate(() => {
      this.users.recordFailedLogin(user).catch((err: unknown) => {
        this.logger.error({ err, tenant_id: user.tenantId, user_id: user.id }, 'Failed login not recorded');
      });
    });
  }

  /**
   * Rotates a refresh token: the old one is revoked. Presenting a revoked one again is a replay (the token was
   * copied, and the thief or the user already used it), so its whole session ends: the newest pair, whoever holds
   * it, is refused too, and the session's sockets close (OAuth 2.0 Security BCP, refresh token rotation).
   */
  async refresh(refreshToken: string): Promise<AuthResultDto> {
    const claims = this.tokens.decode(refreshToken, 'refresh');
    // Two tabs of one browser refreshing at once present the same token: the later, within the grace, gets a pair
    // of its own; a replay after it is a copy.
    if (
      !(await this.tokens.revoke(claims.jti, claims.exp, true)) &&
      !(await this.tokens.rotatedWithin(claims.jti, CONCURRENT_REFRESH_GRACE_MS))
    ) {
      if (claims.sid) {
        await this.tokens.revokeSession(claims.sid);
        this.live.endSession(claims.sid);
      }
      throw AppError.unauthenticated('Token revoked');
    }
    await this.tokens.assertSessionLive(claims.sid);
    const user = await this.userRows.findById(claims.tid, claims.sub);
    if (!user || !user.isActive) throw AppError.unauthenticated('User is not active');
    if (issuedBeforeRevocation(claims, user.tokensRevokedAt)) throw AppError.unauthenticated('Token revoked');
    return this.result(user, await this.tenants.get(user.tenantId), claims.sid);
  }

  async logout(auth: AuthContext, refreshToken?: string): Promise<void> {
    if (!auth.tokenId || !auth.tokenExpiresAt) {
      throw AppError.field('authorization', 'is an API key; revoke it with DELETE /api/api-keys/:id');
    }
    await this.tokens.revoke(auth.tokenId, auth.tokenExpiresAt);
    // The session ends: its refresh token is refused too, whether or not the client sends it, and its sockets
    // close now rather than at their next credentials check.
    if (auth.sessionId) {
      await this.tokens.revokeSession(auth.sessionId);
      this.live.endSession(auth.sessionId);
    }
    if (refreshToken) {
      const claims = await this.tokens.verify(refreshToken, 'refresh').catch(() => null);
      if (claims && claims.sub === auth.userId) await this.tokens.revoke(claims.jti, claims.exp);
    }
  }

  async me(auth: AuthContext): Promise<MeDto> {
    const tenant = await this.tenants.get(auth.tenantId);
    if (auth.userId) {
      const user = await this.users.get(auth, auth.userId);
      return {
        principal_type: 'user',
        user: AuthUserDto.from(user, tenant),
        api_key: null,
        tenant: TenantRefDto.from(tenant),
      };
    }
    const key = await this.apiKeys.get(auth, auth.apiKeyId as string);
    return {
      principal_type: 'api_key',
      user: null,
      api_key: ApiKeyPrincipalDto.from(key, auth.role),
      tenant: TenantRefDto.from(tenant),
    };
  }

  async verify(auth: AuthContext): Promise<VerifyDto> {
    const me = await this.me(auth);
    const expiresAt = auth.tokenExpiresAt ? new Date(auth.tokenExpiresAt * 1000).toISOString() : null;
    return { valid: true, expires_at: expiresAt, ...me };
  }

  /** A token pair of a new session, or of `sid`'s (a refresh keeps its login's session). */
  private result(user: UserEntity, tenant: TenantEntity, sid?: string): AuthResultDto {
    return { ...this.tokens.issue(user, sid), user: AuthUserDto.from(user, tenant) };
  }
}
