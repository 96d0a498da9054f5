import { describe, expect, test } from 'vitest';
import { AlreadyRunningError, startStack } from '../../../scripts/stack.mjs';
import { e2eStack } from './stack-context';

const stack = e2eStack();

describe.skipIf(!stack)('a second start on the same data folder', () => {
  test('fails at once with a clear message while the first one runs', async () => {
    const output: string[] = [];
    const second = startStack({
      dataDir: stack?.dataDir,
      build: false,
      log: (line) => output.push(line),
      output: (line) => output.push(line),
    });
    await expect(second).rejects.toThrow(AlreadyRunningError);
    await expect(second).rejects.toThrow(/^Lapata is already running \(pid \d+\); stop it with Ctrl-C first$/);
    expect(output).toEqual([]);
  });
});
