'use strict';
/*
 * Jest reporter: prints the files that had failures (if any) and then, alone on the last line,
 * `jest: <passed> passed, <failed> failed[, <skipped> skipped]` (skipped = numPendingTests, shown only when > 0).
 * CI reads that exact plain line, so it carries no colours.
 *
 *   reporters: ['default', '<rootDir>/test/reporters/summary-line.js']
 *
 * Jest always runs its own summary reporter after every custom one, so writing from onRunComplete would put
 * our line above "Ran all test suites.". The text is therefore composed in onRunComplete and written when
 * the process exits (after Jest's summary and any "did not exit" warning). In watch mode only the last
 * run's line is printed, at exit.
 */
const fs = require('node:fs');
const path = require('node:path');

/**
 * Writes straight to file descriptor 1: under --forceExit Jest replaces process.stdout.write with a no-op
 * before exiting, and an 'exit' handler may only do synchronous work anyway.
 */
function writeStdoutSync(text) {
  const buffer = Buffer.from(text, 'utf8');
  let offset = 0;
  let attempts = 0;
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(1, buffer, offset, buffer.length - offset);
    } catch (err) {
      if (err && err.code === 'EAGAIN' && attempts++ < 1000) continue;
      return;
    }
  }
}

class SummaryLineReporter {
  constructor(globalConfig) {
    this.rootDir = (globalConfig && globalConfig.rootDir) || process.cwd();
    this.pending = null;
    this.hooked = false;
  }

  onRunComplete(_testContexts, results) {
    const failedFiles = (results.testResults || [])
      .filter((r) => r.numFailingTests > 0 || Boolean(r.testExecError) || Boolean(r.failureMessage))
      .map((r) => path.relative(this.rootDir, r.testFilePath) || r.testFilePath);

    const out = [];
    if (failedFiles.length > 0) {
      out.push('Failed test files:');
      for (const file of failedFiles) out.push(`  ${file}`);
    }
    let line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed`;
    if (results.numPendingTests > 0) line += `, ${results.numPendingTests} skipped`;
    out.push(line);

    // Start on a fresh line whatever was written before, and end with the summary alone.
    this.pending = `\n${out.join('\n')}\n`;
    if (!this.hooked) {
      this.hooked = true;
      process.once('exit', () => {
        if (this.pending) writeStdoutSync(this.pending);
      });
    }
  }

  getLastError() {
    return undefined;
  }
}

module.exports = SummaryLineReporter;
