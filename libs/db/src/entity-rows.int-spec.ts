import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  ActivityLogEntity,
  AgentEntity,
  AgentGroupEntity,
  ApiKeyEntity,
  CallEntity,
  CampaignEntity,
  ConversationEntity,
  DncEntryEntity,
  MessageEntity,
  UserEntity,
} from './entities';
import { TenantOwned, TenantRepository } from './tenant-repository';

class Rows<T extends TenantOwned> extends TenantRepository<T> {
  constructor(repo: Repository<T>) {
    super(repo);
  }
}

/**
 * TenantRepository.findById reads with plain SQL and builds the entity itself: it must answer exactly what
 * TypeORM's findOne answers for every kind of column (numeric with a transformer, bigint, jsonb, arrays,
 * timestamps, nulls), leave out `select: false` columns, and keep to the tenant.
 */
describe('TenantRepository.findById (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;
  let other: TestTenant;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTenant(api.http);
    other = await createTenant(api.http);
    const post = async (path: string, body: object) => {
      const res = await api.http.post(path).set(t.admin.headers).send(body);
      expect({ path, status: res.status, body: res.status === 201 ? null : res.body }).toEqual({
        path,
        status: 201,
        body: null,
      });
      return res.body.data as Record<string, string>;
    };
    const lead = await post('/api/leads', {
      first_name: 'Rae',
      phone: '+14155550123',
      email: 'rae@example.com',
    });
    const sent = await post('/api/sms/send', { lead_id: lead.id, message: 'Hello Rae' });
    ids.message = sent.id;
    ids.conversation = sent.conversation_id;
    ids.campaign = (
      await post('/api/campaigns', { name: 'Rows', steps: [{ type: 'SMS', content: 'Hi' }] })
    ).id;
    ids.group = (await post('/api/agent-groups', { name: 'Team' })).id;
    ids.agent = (
      await post('/api/agents', { name: 'Ann', phone: '+14155550100', agent_group_id: ids.group })
    ).id;
    ids.dnc = (await post('/api/dnc', { phone: '+14155550199', reason: 'manual' })).id;
    ids.apiKey = (await post('/api/api-keys', { name: 'CI', role: 'agent' })).id;
    ids.user = t.admin.id;
    const [call] = await api.db.query(
      `INSERT INTO calls (tenant_id, lead_id, direction, kind, status, from_number, to_number, cost, metadata)
       VALUES ($1, $2, 'outbound', 'manual', 'completed', '+14155550100', '+14155550123', 0.0125, '{"a": [1]}')
       RETURNING id`,
      [t.id, lead.id],
    );
    ids.call = call.id;
    const [activity] = await api.db.query(
      `INSERT INTO activity_log (tenant_id, type, description, data)
       VALUES ($1, 'lead.noted', 'A note', '{"note": "x"}') RETURNING id`,
      [t.id],
    );
    ids.activity = activity.id;
  });

  const cases: [string, new () => TenantOwned, string][] = [
    ['message', MessageEntity, 'message'],
    ['conversation', ConversationEntity, 'conversation'],
    ['campaign (numeric with a transformer)', CampaignEntity, 'campaign'],
    ['agent group', AgentGroupEntity, 'group'],
    ['agent', AgentEntity, 'agent'],
    ['do-not-contact entry', DncEntryEntity, 'dnc'],
    ['API key (select: false hash)', ApiKeyEntity, 'apiKey'],
    ['user (select: false password)', UserEntity, 'user'],
    ['call (numeric, jsonb)', CallEntity, 'call'],
    ['activity (select: false bigint)', ActivityLogEntity, 'activity'],
  ];

  it.each(cases)('a %s is what findOne answers', async (_name, entity, key) => {
    const repo = api.app.get<Repository<TenantOwned>>(getRepositoryToken(entity));
    const expected = await repo.findOne({ where: { tenantId: t.id, id: ids[key] } });
    expect(expected).not.toBeNull();
    const found = await new Rows(repo).findById(t.id, ids[key]);
    expect(found).toBeInstanceOf(repo.metadata.target as new () => unknown);
    expect(found).toEqual(expected);
  });

  it('answers null for another tenant and for an id that is not there', async () => {
    const repo = api.app.get<Repository<MessageEntity>>(getRepositoryToken(MessageEntity));
    expect(await new Rows(repo).findById(other.id, ids.message)).toBeNull();
    expect(await new Rows(repo).findById(t.id, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
