import { AppConfig } from '@app/config';
import { ApiKeyEntity, UserEntity } from '@app/db';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CredentialsService } from './credentials.service';
import { PasswordHasher } from './password-hasher';
import { CredentialsStrategy } from './strategies/credentials.strategy';
import { TokenService } from './token.service';

@Module({
  imports: [
    PassportModule.register({ session: false }),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.secret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    TypeOrmModule.forFeature([UserEntity, ApiKeyEntity]),
  ],
  providers: [PasswordHasher, TokenService, CredentialsService, CredentialsStrategy],
  exports: [PasswordHasher, TokenService, CredentialsService],
})
export class AuthModule {}
