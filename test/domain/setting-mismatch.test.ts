import { describe, expect, it } from 'vitest';
import { settingMismatches } from '../../src/domain/setting-mismatch.ts';

const proc = (id: string, role: string, settings: Record<string, string>) => ({ id, role, settings });

describe('settingMismatches', () => {
  it('finds nothing when every process agrees, or when there is one process', () => {
    expect(settingMismatches([])).toEqual([]);
    expect(settingMismatches([proc('a', 'web', { X: '1' })])).toEqual([]);
    expect(settingMismatches([proc('a', 'web', { X: '1', Y: '2' }), proc('b', 'worker', { Y: '2', X: '1' })])).toEqual([]);
  });

  it('names each differing setting with its values and processes, the most common value first', () => {
    const rows = [
      proc('w1', 'worker', { TEMPLATE: 'odd', DIR: '/config' }),
      proc('web', 'web', { TEMPLATE: 'usual', DIR: '/config' }),
      proc('w2', 'worker', { TEMPLATE: 'usual', DIR: '/config' }),
    ];
    expect(settingMismatches(rows)).toEqual([
      {
        setting: 'TEMPLATE',
        values: [
          { value: 'usual', processes: ['web web', 'worker w2'] },
          { value: 'odd', processes: ['worker w1'] },
        ],
      },
    ]);
  });

  it('counts a setting one process lacks as (unset)', () => {
    expect(settingMismatches([proc('a', 'web', { X: '1' }), proc('b', 'worker', {})])).toEqual([
      { setting: 'X', values: [{ value: '1', processes: ['web a'] }, { value: '(unset)', processes: ['worker b'] }] },
    ]);
  });
});
