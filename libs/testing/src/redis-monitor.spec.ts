import { monitorArgs, monitorSource } from './redis-monitor';

describe('monitorArgs', () => {
  it('reads the quoted arguments of a MONITOR line, unescaped', () => {
    expect(
      monitorArgs('+1796446899.085583 [0 lua] "ZADD" "rl:send-window:a" "1796446899085.5" "m-1"'),
    ).toEqual(['ZADD', 'rl:send-window:a', '1796446899085.5', 'm-1']);
    expect(monitorArgs('+1.0 [0 127.0.0.1:5] "SET" "k" "say \\"hi\\"\\n\\x01\\\\"')).toEqual([
      'SET',
      'k',
      'say "hi"\n\x01\\',
    ]);
  });

  it("reads who ran a MONITOR line's command: a script, or a client by its address", () => {
    expect(monitorSource('+1796446899.085583 [0 lua] "ZADD" "k" "1" "m"')).toBe('lua');
    expect(monitorSource('+1.0 [0 127.0.0.1:5] "SET" "k" "v"')).toBe('127.0.0.1:5');
    expect(monitorSource('+OK')).toBe('');
  });
});
