import { PasswordHasher, TokenService } from '@app/auth';
import type { TenantEntity, UserEntity } from '@app/db';
import type { ApiKeysService, TenantsService, UsersRepository, UsersService } from '@app/domain';
import type { LiveEvents } from '@app/events';
import { waitFor } from '@app/testing';
import { AuthService } from './auth.service';
import type { LoginThrottle } from './login-throttle';

/**
 * A refused login must not tell by its time whether the email is a user's (OWASP authentication cheat sheet):
 * a known email with a wrong password and an unknown email take the same steps before the answer (one look-up,
 * one argon2 verification, no other read or write). A wall-clock comparison would be noise on a shared machine;
 * the steps are what the time is made of.
 */
describe('AuthService.login: a refusal takes the same steps for a known and an unknown email', () => {
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
  function service(): { auth: AuthService; steps: string[] } {
    const steps: string[] = [];
    const step =
      <T>(name: string, answer: (...args: never[]) => T) =>
      (...args: never[]) => {
        steps.push(name);
        return answer(...args);
      };
    // The hasher is real (its own instance): `verify` is what both a known user's check and `burn` run.
    const instance = new PasswordHasher();
    const verify = instance.verify.bind(instance);
    instance.verify = step('argon2.verify', (hash: string, password: string) => verify(hash, password));
    const userRows = {
      findForLoginByEmail: step('users.find', async (email: string) =>
        email === user.email ? { ...user } : null,
      ),
      findForLoginByUsername: step('users.find', async () => null),
    } as unknown as UsersRepository;
    const tenants = {
      get: step('tenants.get', async () => tenant),
      findByRef: step('tenants.findByRef', async () => tenant),
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
    return { auth, steps };
  }

  /** The steps taken before the refusal was answered. */
  async function refusal(email: string): Promise<{ before: string[]; steps: string[] }> {
    const { auth, steps } = service();
    await expect(auth.login({ email, password: 'a wrong password' })).rejects.toMatchObject({
      code: 'AUTHENTICATION_REQUIRED',
      message: 'Invalid credentials',
    });
    return { before: [...steps], steps };
  }

  it('one look-up and one argon2 verification each, nothing written before the answer', async () => {
    const known = await refusal(user.email);
    const unknown = await refusal('nobody@example.test');
    expect({ known: known.before, unknown: unknown.before }).toEqual({
      known: ['throttle.attempt', 'users.find', 'argon2.verify'],
      unknown: ['throttle.attempt', 'users.find', 'argon2.verify'],
    });
  });

  it("the known user's failed login is still recorded, after the answer; an unknown email records nothing", async () => {
    const known = await refusal(user.email);
    await waitFor(() => known.steps.includes('activity.login_failed'), 5000, 'the failed login recorded');
    expect(known.steps.filter((s) => s === 'activity.login_failed')).toHaveLength(1);

    const unknown = await refusal('nobody@example.test');
    await new Promise((r) => setImmediate(r));
    expect(unknown.steps).not.toContain('activity.login_failed');
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
