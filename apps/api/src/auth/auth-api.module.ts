import { AuthModule } from '@app/auth';
import { ApiKeyEntity } from '@app/db';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([ApiKeyEntity])],
  controllers: [AuthController],
  providers: [AuthService],
})
export class AuthApiModule {}
