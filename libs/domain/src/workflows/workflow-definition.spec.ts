import {
  conditionHolds,
  delayMsOf,
  runnableIssues,
  structureIssues,
  WorkflowGraph,
} from './workflow-definition';

const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data,
});
const edge = (source: string, target: string, sourceHandle?: string) => ({
  id: `${source}-${target}`,
  source,
  target,
  ...(sourceHandle ? { sourceHandle } : {}),
});

describe('workflow definitions', () => {
  it('finds a cycle however long, and accepts a diamond (two paths joining)', () => {
    const nodes = ['t', 'a', 'b', 'c', 'd'].map((id) => node(id, id === 't' ? 'trigger' : 'wait'));
    expect(structureIssues(nodes, [edge('t', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'a')])).toEqual([
      { field: 'edges.3.target', reason: 'closes a cycle: a run must end' },
    ]);
    expect(
      structureIssues(nodes, [
        edge('t', 'a'),
        edge('a', 'b'),
        edge('a', 'c'),
        edge('b', 'd'),
        edge('c', 'd'),
      ]),
    ).toEqual([]);
  });

  it('lets a condition branch once per handle, and follows the branch taken', () => {
    const nodes = [
      node('t', 'trigger', { event: 'lead.created' }),
      node('c', 'condition', { field: 'country', operator: 'in', value: ['us', 'CA'] }),
      node('y', 'update_lead', { status: 'qualified' }),
      node('n', 'update_lead', { add_tags: ['elsewhere'] }),
    ];
    const edges = [edge('t', 'c'), edge('c', 'y', 'true'), edge('c', 'n', 'false')];
    expect(runnableIssues(nodes, edges, 'lead.created')).toEqual([]);
    const graph = new WorkflowGraph(nodes, edges);
    const lead = { status: 'new', tags: [], score: 0, classification: null, country: 'US' };
    const branch = String(conditionHolds(nodes[1].data, lead));
    expect(graph.next('c', branch)).toBe('y');
    expect(graph.next('c', String(conditionHolds(nodes[1].data, { ...lead, country: 'FR' })))).toBe('n');
    expect(graph.next('y')).toBeUndefined();
  });

  it('reads a delay as DESIGN §3b writes it, and refuses one it cannot', () => {
    expect(delayMsOf({ delay: { value: 2, unit: 'hours' } })).toBe(7_200_000);
    expect(delayMsOf({ delay_minutes: 90 })).toBe(5_400_000);
    expect(delayMsOf({ delay: { value: 2, unit: 'weeks' } })).toBeNull();
    expect(delayMsOf({ delay_minutes: -1 })).toBeNull();
    expect(delayMsOf({ delay: { value: 400, unit: 'days' } })).toBeNull();
  });
});
