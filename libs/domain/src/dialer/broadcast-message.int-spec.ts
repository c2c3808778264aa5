import { createTenant, insertCallRow, TestTenant, useTestApi } from '@app/testing';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { VoiceAnswersService } from './voice-answers.service';

/**
 * A voice broadcast speaks its message as written for the lead who answered: `{{first_name}}`, a custom field and
 * their defaults filled in, as a text step's are (the route documents them), never read out as braces.
 */
describe('broadcast message (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  async function answer(leadId: string | null): Promise<string> {
    const call = await insertCallRow(api.db, t.id, {
      kind: 'broadcast',
      status: 'in-progress',
      lead_id: leadId,
      metadata: { message: 'Hi {{first_name|there}}, {{clinic|your clinic}} expects you tomorrow.' },
    });
    const channel = await api.app.get(VoiceChannelsService).resolve(t.id);
    return api.app.get(VoiceAnswersService).answer(channel, call);
  }

  it("fills the placeholders from the lead's fields", async () => {
    const [lead] = await api.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized, custom_fields)
       VALUES ($1, 'Ada', '+12125550161', '+12125550161', '{"clinic": "Sunrise Dental"}') RETURNING id`,
      [t.id],
    );
    const twiml = await answer(lead.id);
    expect(twiml).toContain('Hi Ada, Sunrise Dental expects you tomorrow.');
    expect(twiml).not.toContain('{{');
  });

  it('uses the defaults for fields the lead lacks, and for a call with no lead', async () => {
    const [lead] = await api.db.query(
      `INSERT INTO leads (tenant_id, phone, phone_normalized) VALUES ($1, '+12125550162', '+12125550162') RETURNING id`,
      [t.id],
    );
    expect(await answer(lead.id)).toContain('Hi there, your clinic expects you tomorrow.');
    expect(await answer(null)).toContain('Hi there, your clinic expects you tomorrow.');
  });
});
