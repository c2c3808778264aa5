import { Module } from '@nestjs/common';
import { ProductContextController } from './product-context.controller';

/** Product context (issue 7 item 4, seed 002). */
@Module({ controllers: [ProductContextController] })
export class ProductContextModule {}
