import { PROCESS_START_MS } from '@app/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * Packages the request hot paths never use, loaded only by the feature that needs them (lazyPackage): PDF reports,
 * SMTP, the OpenAI SDK, undici (tenant endpoints behind the egress policy), and the Twilio REST client with its
 * axios stack (webhooks take only the signature check and TwiML), and chrono-node (~270 modules: only the local
 * classifier's reading of an out-of-office reply's return date uses it), bson (its 17 MB serialisation buffer; only
 * the phone-zone table, read at the first phone normalised, uses it) and the local classifier's trained model (2 MB
 * of heap parsed; read at the first reply classified). Loaded at start they made a heap several MB larger for every
 * GC of the API to walk.
 */
const LAZY = [
  'node_modules/pdfkit/',
  'node_modules/nodemailer/',
  'node_modules/openai/',
  'node_modules/undici/',
  'node_modules/axios/',
  'node_modules/twilio/lib/rest/',
  'node_modules/chrono-node/',
  'node_modules/bson/',
  'trained-reply-model.json',
];

/** Boots the API as the tests do, in a process of its own (test threads share modules), and lists what it loaded. */
const BOOT = `
const { createTestApi } = require('./libs/testing/src/test-api');
createTestApi().then(async (api) => {
  const loaded = Object.keys(require.cache);
  await api.close();
  process.stdout.write(JSON.stringify(loaded), () => process.exit(0));
});
`;

function modulesAtStart(): Promise<string[]> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['-e', BOOT],
      { cwd: join(__dirname, '../../../..'), env: process.env, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    ),
  );
}

describe('what the API loads at start (e2e)', () => {
  it(
    'boots without the heavy packages only some features use',
    async () => {
      const loaded = await modulesAtStart();
      expect(loaded.length).toBeGreaterThan(1000);
      expect(LAZY.filter((dir) => loaded.some((file) => file.includes(dir)))).toEqual([]);
    },
    PROCESS_START_MS * 2,
  );
});
