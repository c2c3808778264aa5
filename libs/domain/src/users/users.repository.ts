import type { PageWindow } from '@app/common';
import { Role, TenantRepository, UserEntity } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

export interface UserFilter {
  role?: Role;
  is_active?: boolean;
  search?: string;
}

@Injectable()
export class UsersRepository extends TenantRepository<UserEntity> {
  constructor(@InjectRepository(UserEntity) repo: Repository<UserEntity>) {
    super(repo);
  }

  /**
   * Email is unique on the platform, so login by email needs no tenant. Includes the password hash, and the user's
   * tenant (`tenant`) in the same statement: a known email costs the login no more reads than an unknown one.
   */
  findForLoginByEmail(email: string): Promise<UserEntity | null> {
    return this.repo
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.tenant', 't')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  findForLoginByUsername(tenantId: string, username: string): Promise<UserEntity | null> {
    return this.scoped(tenantId, 'u')
      .addSelect('u.passwordHash')
      .andWhere('lower(u.username) = lower(:username)', { username })
      .getOne();
  }

  emailTaken(email: string): Promise<boolean> {
    return this.repo.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getExists();
  }

  async list(tenantId: string, window: PageWindow, filter: UserFilter): Promise<[UserEntity[], number]> {
    const q = this.scoped(tenantId, 'u');
    if (filter.role) q.andWhere('u.role = :role', { role: filter.role });
    if (filter.is_active !== undefined) q.andWhere('u.is_active = :active', { active: filter.is_active });
    if (filter.search) {
      q.andWhere(
        "(u.email ILIKE :s OR u.username ILIKE :s OR (u.first_name || ' ' || u.last_name) ILIKE :s)",
        { s: `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` },
      );
    }
    return q
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(window.limit)
      .skip(window.offset)
      .getManyAndCount();
  }
}
