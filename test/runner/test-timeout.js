/** How long a test or hook may take unless it says otherwise (jest's testTimeout). */
module.exports = { TEST_TIMEOUT_MS: 30_000 };
