// Flag value validators: accepted forms pass through, everything else names the flag.
import { describe, expect, it } from 'vitest';
import { httpsUrl, intInRange, ipv4Cidr, keyValue, matching, oneOf } from '../../../src/options/parsers.ts';
import { parseDuration } from '../../../src/util/duration.ts';

describe('parsers', () => {
  it('intInRange', () => {
    expect(intInRange(1, 64)(' 7 ', '--n')).toBe(7);
    expect(() => intInRange(1, 64)('1.5', '--n')).toThrow(
      "--n: '1.5' is not a whole number (accepted: 1..64)",
    );
    expect(() => intInRange(1, 64)('99', '--n')).toThrow('--n: 99 is out of range (accepted: 1..64)');
  });
  it('oneOf, matching, keyValue', () => {
    expect(oneOf(['a', 'b'])('b', '--x')).toBe('b');
    expect(() => oneOf(['a', 'b'])('c', '--x')).toThrow("--x: unknown value 'c' (accepted: a, b)");
    expect(() => matching(/^[a-z]+$/, 'lowercase')('A\nB', '--x')).toThrow(
      "--x: invalid value 'A\\nB' (accepted: lowercase)",
    );
    expect(keyValue('sleep=3', '--p')).toBe('sleep=3');
    expect(() => keyValue('novalue', '--p')).toThrow(/is not KEY=VALUE/);
  });
  it('httpsUrl and ipv4Cidr', () => {
    expect(httpsUrl('https://gnt.example.com:5080/', '--e')).toBe('https://gnt.example.com:5080');
    expect(() => httpsUrl('gnt:5080', '--e')).toThrow(/is not an https URL|is not a URL/);
    expect(ipv4Cidr('10.0.0.0/8', '--c')).toBe('10.0.0.0/8');
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '256.1.1.1/8', 'x/8'])
      expect(() => ipv4Cidr(bad, '--c')).toThrow(/is not an IPv4 CIDR/);
  });
  it('durations', () => {
    expect(parseDuration('90', '--t')).toBe(90_000);
    expect(parseDuration('1h30m', '--t')).toBe(5_400_000);
    expect(parseDuration('250ms', '--t')).toBe(250);
    expect(() => parseDuration('soon', '--t')).toThrow(
      "--t: invalid duration 'soon' (accepted: e.g. 30s, 15m, 1h30m, or seconds)",
    );
  });
});
