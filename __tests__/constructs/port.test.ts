import { Port } from '../../constructs/port';

describe('Port', () => {
  test('a single TCP port, a range and all traffic, each with a stable ID and a label', () => {
    expect(Port.tcp(443)).toMatchObject({ protocol: 'tcp', fromPort: 443, toPort: 443, uniqueId: 'tcp-443', label: 'TCP 443' });
    expect(Port.tcpRange(1024, 65535)).toMatchObject({ fromPort: 1024, toPort: 65535, uniqueId: 'tcp-1024-65535' });
    expect(Port.allTraffic()).toMatchObject({ protocol: '-1', fromPort: undefined, toPort: undefined, uniqueId: 'all' });
  });

  test('error: a port outside 0-65535 or not a whole number', () => {
    expect(() => Port.tcp(70000)).toThrow(/port 70000 is out of range; use an integer from 0 to 65535/);
    expect(() => Port.tcp(-1)).toThrow(/port -1 is out of range/);
    expect(() => Port.tcpRange(80, 80.5)).toThrow(/port 80.5 is out of range/);
  });
});
