import { EMPTY_PRODUCT } from '../llm/llm-tasks';
import { LlmPort } from '../llm/llm.port';
import { LocalLlmProvider } from './local-llm.provider';

describe('LocalLlmProvider', () => {
  const llm = new LocalLlmProvider();

  it('is an LLM port named local with its default model, or the one given', () => {
    expect(llm).toBeInstanceOf(LlmPort);
    expect(llm.provider).toBe('local');
    expect(llm.model).toBe('reachline-local-1');
    expect(new LocalLlmProvider({ model: 'local-x' }).model).toBe('local-x');
  });

  it('classifies with estimated usage, zero cost, a measured latency and a versioned prompt', async () => {
    const text = 'Please remove me from your list.';
    const r = await llm.classifyReply({ text, received_at: '2026-11-30T09:00:00Z' });
    expect(r.output.label).toBe('unsubscribe');
    expect(r.prompt_version).toBe('local-classify@4');
    expect(r.usage).toMatchObject({ provider: 'local', model: 'reachline-local-1', cost_usd: 0 });
    expect(r.usage.input_tokens).toBe(
      Math.ceil(JSON.stringify({ text, received_at: '2026-11-30T09:00:00Z' }).length / 4),
    );
    expect(r.usage.output_tokens).toBe(Math.ceil(JSON.stringify(r.output).length / 4));
    expect(r.usage.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('runs the other four tasks', async () => {
    const complete = await llm.complete({ prompt: 'hello' });
    expect(complete.output).toContain('no external model');
    expect(complete.prompt_version).toBe('local-complete@2');
    const written = await llm.writeMessage({
      purpose: 'campaign_step',
      channel: 'sms',
      instructions: 'introduce the product',
      product: { ...EMPTY_PRODUCT, product: 'Reachline' },
      lead: {
        first_name: 'Ana',
        last_name: null,
        company: null,
        position: null,
        country: null,
        custom_fields: {},
      },
      history: [],
      last_classification: null,
      resumed_after_cede: false,
      max_chars: 160,
    });
    expect(written.output.body).toContain('Ana');
    expect(written.prompt_version).toBe('local-write@2');
    const turn = await llm.productContextTurn({
      user_message: 'Our product is called Kanbo.',
      metadata: EMPTY_PRODUCT,
      history: [],
    });
    expect(turn.output.metadata.product).toBe('Kanbo');
    expect(turn.prompt_version).toBe('local-product-context@2');
    const agent = await llm.runAgent({
      agent: {
        name: 'A',
        type: 'faq',
        capabilities: ['faq-answers'],
        system_prompt: null,
        temperature: null,
        max_tokens: null,
      },
      message: 'What is it?',
      lead: null,
      context: {},
      product: EMPTY_PRODUCT,
      now: '2026-11-30T09:00:00Z',
    });
    expect(agent.output.qualified).toBeNull();
    expect(agent.prompt_version).toBe('local-agent@2');
    for (const r of [complete, written, turn, agent]) expect(r.usage.cost_usd).toBe(0);
  });
});
