/**
 * @jest-environment ./tests/addin/pane-environment.js
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import request from 'supertest';
import { App } from '../../addin/App';
import { sessionResponseSchema } from '../../core/contract';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import { testApp } from '../server/helpers';
import { connectDemoAndOpen, paneInExcel } from './pane-helpers';

async function click(name: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
  await waitFor(() => expect(screen.queryByRole('status')).toBeNull(), { timeout: 15000 });
}

describe('drift after a pull', () => {
  it('names stored mappings that no longer fit Xero in the pane and marks them on the mapping sheet', async () => {
    const t = testApp({ freshDemo: true });
    const token = sessionResponseSchema.parse((await request(t.app).post('/auth/demo').expect(201)).body).token;
    await request(t.app)
      .post(`/api/orgs/${DEMO_TENANT_ID}/mappings/apply`)
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', 'drift-setup-0001')
      .send({ kind: 'payment-methods', planVersion: 0, rows: [{ row: 2, source: 'GIFT', name: 'Gift cards', target: '830', status: 'Approved' }] })
      .expect(200);
    const workbook = paneInExcel(t.app);
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    await connectDemoAndOpen('Mapping');
    fireEvent.click(screen.getByRole('radio', { name: 'Payment methods' }));
    await click('Fill from stored mappings');
    expect(workbook.values('Map Payments', 'A2:D2')).toEqual([['GIFT', 'Gift cards', '', '830']]);

    // Someone turns payments off on account 830 in Xero.
    const gift = (await t.source.read('accounts')).records.find((a) => a.code === '830')!;
    await t.source.writes.setPaymentsEnabled(gift.accountId, false, 'someone-in-xero');

    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: 'Data' }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Pull Accounts' }));
    });
    await waitFor(() => expect(screen.getByText('1 stored mapping no longer fit Xero')).toBeTruthy(), { timeout: 15000 });
    expect(String(workbook.values('Map Payments', 'I2:I2')[0]![0])).toMatch(
      /^Error: changed in Xero since it was mapped: Xero target: account 830 .* does not accept payments/,
    );
  });
});
