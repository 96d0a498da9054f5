import { describe, expect, test } from 'vitest';
import { setupBanner } from '../apps/api/src/modules/setup/setup-banner';
import { watchSetupBanner } from './stack.mjs';

describe('watchSetupBanner', () => {
  // The API's own banner: if its wording changes, `npm start` and the browser tests must follow.
  test('finds the token in the banner the API prints, and passes every line of it', () => {
    const token = 'q7Vh3rT0kWZ9yXcLp2mN8sB4dF6gJ1aE5uI0oPzQxYw';
    const tokens = [];
    const watch = watchSetupBanner((found) => tokens.push(found));
    const banner = setupBanner(token, 'http://localhost:3000').split('\n');
    const lines = ['{"level":30,"msg":"Listening"}', ...banner, '{"level":30,"msg":"request completed"}'];

    const shown = lines.filter((line) => watch(line));

    expect(tokens).toEqual([token]);
    expect(shown).toContain(`      ${token}`);
    expect(shown).toContain('  Open http://localhost:3000/en/setup and enter this one-time setup token:');
    expect(shown).not.toContain('{"level":30,"msg":"Listening"}');
    expect(shown).not.toContain('{"level":30,"msg":"request completed"}');
  });

  test('reports nothing for output without a banner', () => {
    const tokens = [];
    const watch = watchSetupBanner((found) => tokens.push(found));
    const shown = ['{"level":30,"msg":"Listening"}', 'Setup token: not-a-banner'].filter((line) => watch(line));
    expect(shown).toEqual([]);
    expect(tokens).toEqual([]);
  });
});
