import { AppConfig } from '@app/config';
import { ApiKeyEntity, UserEntity } from '@app/db';
import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CredentialsService } from './credentials.service';
import { PasswordHasher } from './password-hasher';
import { CredentialsStrategy } from './strategies/credentials.strategy';
import { TokenService } from './token.service';
import { UserAuthStates } from './user-auth-states';

@Module({
  imports: [
    PassportModule.register({ session: false }),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject made once: given a string, jsonwebtoken rebuilds a key (trying a public key first) on
        // every sign and verify, which cost a sixth of the API's CPU per authenticated request.
        secret: createSecretKey(Buffer.from(config.jwt.secret, 'utf8')) as unknown as string,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    TypeOrmModule.forFeature([UserEntity, ApiKeyEntity]),
  ],
  providers: [PasswordHasher, TokenService, UserAuthStates, CredentialsService, CredentialsStrategy],
  exports: [PasswordHasher, TokenService, UserAuthStates, CredentialsService],
})
export class AuthModule {}
