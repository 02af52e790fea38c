import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/**
 * This machine's IPv4 addresses on its local networks (loopback and link-local left out), for the
 * address a console opened on localhost shows to students. Pure on its argument (tests pass one).
 */
export function lanAddresses(ifaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string[] {
  const out: string[] = [];
  for (const list of Object.values(ifaces))
    for (const i of list ?? [])
      if (i.family === 'IPv4' && !i.internal && !i.address.startsWith('169.254.')) out.push(i.address);
  return [...new Set(out)].slice(0, 8);
}
