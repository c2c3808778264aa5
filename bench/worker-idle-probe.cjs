/**
 * Preloaded (node -r) into the worker bench/worker-idle-cpu.ts profiles (--profile): the first SIGWINCH (ignored by
 * Nest's shutdown hooks) starts counting the Postgres statements (pg's Client.query, by text) and Redis commands
 * (ioredis, by command; a script by its queue and first key's role) the process sends; the second writes them to
 * PROBE_OUT.json. Bench-only.
 */
const fs = require('node:fs');

const out = process.env.PROBE_OUT;
let statements = null;
let commands = null;

try {
  const pg = require(require.resolve('pg', { paths: [process.cwd()] }));
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, values, callback) {
    if (statements !== null) {
      const text = typeof config === 'string' ? config : (config && config.text) || '?';
      statements.set(text, (statements.get(text) || 0) + 1);
    }
    return query.call(this, config, values, callback);
  };
} catch {
  // No pg here.
}
try {
  const Redis = require(require.resolve('ioredis', { paths: [process.cwd()] }));
  const send = (Redis.default || Redis).prototype.sendCommand;
  (Redis.default || Redis).prototype.sendCommand = function (command, stream) {
    if (commands !== null && command) {
      const args = command.args || [];
      // evalsha <sha> <numkeys> <key1>: the key's queue and role (<prefix>:bull:<queue>:<role>).
      const first = command.name === 'evalsha' || command.name === 'eval' ? String(args[2] ?? '') : '';
      const key = first
        ? `script ${first.split(':').slice(-2).join(':')}`
        : `${command.name} ${String(args[0] ?? '')
            .split(':')
            .slice(-2)
            .join(':')}`.replace(/[0-9a-f]{32,}/g, '*');
      commands.set(key, (commands.get(key) || 0) + 1);
    }
    return send.call(this, command, stream);
  };
} catch {
  // No ioredis here.
}

process.on('SIGWINCH', () => {
  if (statements === null) {
    statements = new Map();
    commands = new Map();
    return;
  }
  const sorted = (m) => Object.fromEntries([...m.entries()].sort((a, b) => b[1] - a[1]));
  const counted = { statements: sorted(statements), commands: sorted(commands) };
  statements = null;
  commands = null;
  fs.writeFileSync(`${out}.json`, JSON.stringify(counted, null, 1));
});
