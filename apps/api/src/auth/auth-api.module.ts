import { AuthModule } from '@app/auth';
import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';

@Module({
  imports: [AuthModule],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottle],
})
export class AuthApiModule {}
