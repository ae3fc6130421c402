import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { IdentityResolver } from './identity-resolver';
import { TokenVerifier } from './token-verifier';

@Module({
  providers: [TokenVerifier, IdentityResolver, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenVerifier, IdentityResolver],
})
export class AuthModule {}
