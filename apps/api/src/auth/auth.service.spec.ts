import { PasswordHasher, TokenService } from '@app/auth';
import type { TenantEntity, UserEntity } from '@app/db';
import type { ApiKeysService, TenantsService, UsersRepository, UsersService } from '@app/domain';
import type { LiveEvents } from '@app/events';
import { waitFor } from '@app/testing';
import { AuthService } from './auth.service';
import type { LoginThrottle } from './login-throttle';

/**
 * A refused login must not tell by its time whether the email is a user's, nor whether a username's tenant exists
 * (OWASP authentication cheat sheet): a known account with a wrong password and an unknown one take the same steps
 * before the answer (one user look-up, one argon2 verification, no other read or write). A wall-clock comparison would be noise on a shared machine;
 * the steps are what the time is made of.
 */
describe('AuthService.login: a refusal takes the same steps whether or not the account exists', () => {
  const hasher = new PasswordHasher();
  const tenant = { id: 't1', slug: 'acme', name: 'Acme' } as TenantEntity;
  let user: UserEntity;

  beforeAll(async () => {
    user = {
      id: 'u1',
      tenantId: tenant.id,
      tenant,
      email: 'known@example.test',
      passwordHash: await hasher.hash('the right password'),
      isActive: true,
    } as UserEntity;
  });

  /** A service whose every step (a read, a write, a verification) is noted, in order, in `steps`. */
  function service(): { auth: AuthService; steps: string[]; hashes: string[] } {
    const steps: string[] = [];
    const hashes: string[] = [];
    const step =
      <T>(name: string, answer: (...args: never[]) => T) =>
      (...args: never[]) => {
        steps.push(name);
        return answer(...args);
      };
    // The hasher is real (its own instance): `verify` is what both a known user's check and `burn` run; the hashes
    // it verifies against are noted in `hashes`.
    const instance = new PasswordHasher();
    const verify = instance.verify.bind(instance);
    instance.verify = step('argon2.verify', (hash: string, password: string) => {
      hashes.push(hash);
      return verify(hash, password);
    });
    const userRows = {
      findForLoginByEmail: step('users.find', async (email: string) =>
        email === user.email ? { ...user } : null,
      ),
      findForLoginByUsername: step('users.find', async (tenantId: string, username: string) =>
        tenantId === tenant.id && username === 'known' ? { ...user } : null,
      ),
    } as unknown as UsersRepository;
    const tenants = {
      get: step('tenants.get', async () => tenant),
      findByRef: step('tenants.findByRef', async (ref: string) => (ref === tenant.slug ? tenant : null)),
    } as unknown as TenantsService;
    const users = {
      recordFailedLogin: step('activity.login_failed', async () => undefined),
      recordLogin: step('activity.login', async () => undefined),
    } as unknown as UsersService;
    const throttle = {
      attempt: step('throttle.attempt', async () => undefined),
      succeeded: step('throttle.succeeded', async () => undefined),
    } as unknown as LoginThrottle;
    const tokens = { issue: () => ({}) } as unknown as TokenService;
    const auth = new AuthService(
      users,
      userRows,
      tenants,
      {} as ApiKeysService,
      instance,
      tokens,
      {} as LiveEvents,
      throttle,
    );
    return { auth, steps, hashes };
  }

  /** The steps taken, and the hashes verified against, before the refusal was answered. */
  async function refusal(
    login: { email: string } | { username: string; tenant: string },
  ): Promise<{ before: string[]; steps: string[]; hashes: string[] }> {
    const { auth, steps, hashes } = service();
    await expect(auth.login({ ...login, password: 'a wrong password' })).rejects.toMatchObject({
      code: 'AUTHENTICATION_REQUIRED',
      message: 'Invalid credentials',
    });
    return { before: [...steps], steps, hashes: [...hashes] };
  }

  it('one look-up and one argon2 verification each, nothing written before the answer', async () => {
    const known = await refusal({ email: user.email });
    const unknown = await refusal({ email: 'nobody@example.test' });
    expect({ known: known.before, unknown: unknown.before }).toEqual({
      known: ['throttle.attempt', 'users.find', 'argon2.verify'],
      unknown: ['throttle.attempt', 'users.find', 'argon2.verify'],
    });
  });

  it("the known user's failed login is still recorded, after the answer; an unknown email records nothing", async () => {
    const known = await refusal({ email: user.email });
    await waitFor(() => known.steps.includes('activity.login_failed'), 5000, 'the failed login recorded');
    expect(known.steps.filter((s) => s === 'activity.login_failed')).toHaveLength(1);

    const unknown = await refusal({ email: 'nobody@example.test' });
    await new Promise((r) => setImmediate(r));
    expect(unknown.steps).not.toContain('activity.login_failed');
  });

  it("a username login: an unknown tenant's refusal takes the steps of an unknown user's, with the same verification", async () => {
    const knownUser = await refusal({ username: 'known', tenant: tenant.slug });
    const unknownUser = await refusal({ username: 'nobody', tenant: tenant.slug });
    const unknownTenant = await refusal({ username: 'nobody', tenant: 'no-such-clinic' });
    const steps = ['tenants.findByRef', 'throttle.attempt', 'users.find', 'argon2.verify'];
    expect({
      knownUser: knownUser.before,
      unknownUser: unknownUser.before,
      unknownTenant: unknownTenant.before,
    }).toEqual({ knownUser: steps, unknownUser: steps, unknownTenant: steps });
    // A known user's password is verified against its hash; both unknown paths verify it once against the dummy
    // hash, of the same argon2 cost (algorithm, version, memory, passes, lanes: what its time is made of).
    const cost = (hash: string) => hash.split('$').slice(1, 4).join('$');
    expect(knownUser.hashes).toEqual([user.passwordHash]);
    expect({
      unknownUser: unknownUser.hashes.map(cost),
      unknownTenant: unknownTenant.hashes.map(cost),
    }).toEqual({
      unknownUser: [cost(user.passwordHash)],
      unknownTenant: [cost(user.passwordHash)],
    });
  });

  it('the right password of a known email logs in, with the tenant read in the same look-up', async () => {
    const { auth, steps } = service();
    const result = await auth.login({ email: user.email, password: 'the right password' });
    expect(result.user).toMatchObject({ id: user.id, tenant_id: tenant.id });
    expect(steps).toEqual([
      'throttle.attempt',
      'users.find',
      'argon2.verify',
      'activity.login',
      'throttle.succeeded',
    ]);
  });
});
