import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app.js';
import { lanAddresses } from '../../../server/http/lan.js';
import { api, bootServer } from '../helpers.js';

describe('the LAN addresses a console on localhost shows students', () => {
  it('keeps IPv4 addresses on real networks: no loopback, no link-local, no IPv6, no duplicates', () => {
    const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
      ({ address, family, internal, netmask: '', mac: '', cidr: null }) as never;
    expect(
      lanAddresses({
        lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
        eth0: [nic('192.168.1.20', 'IPv4'), nic('fe80::1', 'IPv6')],
        wlan0: [nic('169.254.3.4', 'IPv4'), nic('10.0.0.7', 'IPv4'), nic('192.168.1.20', 'IPv4')],
      }),
    ).toEqual(['192.168.1.20', '10.0.0.7']);
  });

  describe('GET /api/info', () => {
    let srv: RunningServer;
    beforeAll(async () => {
      srv = await bootServer();
    });
    afterAll(() => srv?.stop());
    it('answers with this machine’s LAN addresses', async () => {
      const r = await api<{ lanAddresses: string[] }>(srv, '/api/info');
      expect(r.status).toBe(200);
      expect(r.body.lanAddresses).toEqual(lanAddresses());
    });
  });
});
