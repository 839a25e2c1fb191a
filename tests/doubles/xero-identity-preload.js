// Loaded into a proxy process by the scale-out tests (NODE_OPTIONS=--require …): Xero's identity service, whose token
// URL xero-node fixes, answered by the test's stand-in at BRIDGE_TEST_IDENTITY_URL. Every other request goes out as usual.
const nock = require('nock');

const target = process.env.BRIDGE_TEST_IDENTITY_URL;
if (target) {
  nock('https://identity.xero.com')
    .persist()
    .post('/connect/token')
    .reply(async (_uri, body) => {
      const answer = await fetch(`${target}/connect/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: typeof body === 'string' ? body : new URLSearchParams(body).toString(),
      });
      return [answer.status, await answer.text(), { 'Content-Type': 'application/json' }];
    });
}
