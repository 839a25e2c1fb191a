import { refusal } from '../../../server/schedules/webhook-delivery';

/** Where scheduled reports may be posted: only hosts the administrator lists, over HTTPS (plain HTTP to this machine only). */
describe('the hosts a schedule may post to', () => {
  const config = { hosts: ['hooks.example.com', 'erp.internal:8443', '127.0.0.1:4010'], secret: 'a-long-shared-signing-key' };

  it.each([
    ['https://hooks.example.com/reports', null],
    ['https://erp.internal:8443/in', null],
    ['http://127.0.0.1:4010/reports', null],
    ['http://hooks.example.com/reports', 'expected an https:// address'],
    ['https://erp.internal/in', 'erp.internal is not among the hosts this proxy posts to'],
    ['https://169.254.169.254/latest/meta-data', '169.254.169.254 is not among the hosts this proxy posts to'],
    ['http://127.0.0.1:6379/', '127.0.0.1:6379 is not among the hosts this proxy posts to'],
  ])('%s → %s', (address, why) => {
    const answer = refusal(config, address);
    if (why === null) expect(answer).toBeNull();
    else expect(answer).toContain(why);
  });

  it('posts nowhere when the administrator has not set it up', () => {
    expect(refusal(null, 'https://hooks.example.com/reports')).toMatch(/^this proxy posts no reports/);
  });
});
