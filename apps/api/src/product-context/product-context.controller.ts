import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, pageWindow } from '@app/common';
import {
  DEFAULT_MIN_SEGMENT_LEADS,
  ProductContextChatService,
  ProductContextService,
  ProductRecommendationsService,
} from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ProductContextChatAnswerDto,
  ProductContextChatDto,
  ProductContextDto,
  ProductContextLogQueryDto,
  ProductContextTurnDto,
  ProductRecommendationsDto,
  RecommendationsQueryDto,
} from './dto/product-context.dto';

const ALIAS = ' (seed 002 spelling)';

const GET_DOC = { summary: "The tenant's product context: metadata, status and when it last changed" };
const CHAT_DOC = {
  summary: 'Describe the product to the assistant (seed 002): it asks a clarifying question or confirms',
  description:
    'Stores the message, runs the tenant’s LLM with the current metadata and the last 20 turns, stores its reply, and updates the metadata and status, all at once after the model answers (a model failure changes nothing and answers 503). Concurrent chats of a tenant each keep what they taught.',
};
const CHAT_BODY = {
  type: ProductContextChatDto,
  examples: {
    seed002: { value: { userMessage: 'We pivoted to focusing on automotive supply chain SaaS...' } },
    snake: { value: { user_message: 'Our buyers are operations leads at tier-1 suppliers.' } },
  },
};
const LOG_DOC = { summary: 'The product-context chat, oldest turn first' };
const RECOMMENDATIONS_DOC = {
  summary:
    'Industries, lead segments and leads to target, from the product context and the tenant’s own leads',
  description: `Industries: those the metadata names (with "no leads yet: import some" when the tenant has none in them), and those of the tenant's leads (custom_fields.industry) whose leads answer well. Segments: groups of at least min_leads (default ${DEFAULT_MIN_SEGMENT_LEADS}) live leads by source, country, position and each custom field, ranked by the share of leads classified interested or meeting_request, or qualified (qualification_status qualified, status qualified or converted). Leads (seed 002's "suggest new leads"): up to 10 of the tenant's leads in an industry the metadata names that nobody reached yet (status new, never classified or called, in no campaign or conversation, not on do-not-call), the best scored first.`,
};

@ApiTags('product-context')
@Controller()
@Authenticated()
export class ProductContextController {
  constructor(
    private readonly contexts: ProductContextService,
    private readonly chats: ProductContextChatService,
    private readonly recommendations: ProductRecommendationsService,
  ) {}

  @Get('product-context')
  @Roles('agent')
  @ApiOperation(GET_DOC)
  @ApiEnvelope(ProductContextDto)
  async get(@CurrentAuth() auth: AuthContext) {
    return ProductContextDto.from(await this.contexts.view(auth.tenantId));
  }

  @Get('productContext')
  @Roles('agent')
  @ApiOperation({ ...GET_DOC, summary: GET_DOC.summary + ALIAS })
  @ApiEnvelope(ProductContextDto)
  getAlias(@CurrentAuth() auth: AuthContext) {
    return this.get(auth);
  }

  @Post('product-context/chat')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation(CHAT_DOC)
  @ApiBody(CHAT_BODY)
  @ApiEnvelope(ProductContextChatAnswerDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.SERVICE_UNAVAILABLE)
  async chat(@CurrentAuth() auth: AuthContext, @Body() dto: ProductContextChatDto) {
    return ProductContextChatAnswerDto.from(await this.chats.chat(auth, dto.user_message));
  }

  @Post('productContext/chat')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({ ...CHAT_DOC, summary: CHAT_DOC.summary + ALIAS })
  @ApiBody(CHAT_BODY)
  @ApiEnvelope(ProductContextChatAnswerDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.SERVICE_UNAVAILABLE)
  chatAlias(@CurrentAuth() auth: AuthContext, @Body() dto: ProductContextChatDto) {
    return this.chat(auth, dto);
  }

  @Get('product-context/log')
  @Roles('agent')
  @ApiOperation(LOG_DOC)
  @ApiPage(ProductContextTurnDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async log(@CurrentAuth() auth: AuthContext, @Query() query: ProductContextLogQueryDto) {
    return (await this.contexts.log(auth.tenantId, pageWindow(query))).map(ProductContextTurnDto.from);
  }

  @Get('productContext/log')
  @Roles('agent')
  @ApiOperation({ ...LOG_DOC, summary: LOG_DOC.summary + ALIAS })
  @ApiPage(ProductContextTurnDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  logAlias(@CurrentAuth() auth: AuthContext, @Query() query: ProductContextLogQueryDto) {
    return this.log(auth, query);
  }

  @Get('product-context/recommendations')
  @Roles('agent')
  @ApiOperation(RECOMMENDATIONS_DOC)
  @ApiEnvelope(ProductRecommendationsDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async recommend(@CurrentAuth() auth: AuthContext, @Query() query: RecommendationsQueryDto) {
    return ProductRecommendationsDto.from(
      await this.recommendations.recommend(auth.tenantId, query.min_leads ?? DEFAULT_MIN_SEGMENT_LEADS),
    );
  }

  @Get('productContext/recommendations')
  @Roles('agent')
  @ApiOperation({ ...RECOMMENDATIONS_DOC, summary: RECOMMENDATIONS_DOC.summary + ALIAS })
  @ApiEnvelope(ProductRecommendationsDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  recommendAlias(@CurrentAuth() auth: AuthContext, @Query() query: RecommendationsQueryDto) {
    return this.recommend(auth, query);
  }
}
