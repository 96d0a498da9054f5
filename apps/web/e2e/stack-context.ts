import { inject } from 'vitest';

/** What the global setup hands to the tests: the running stack, or null when there is no browser. */
export interface E2eStack {
  webUrl: string;
  setupToken: string;
  dataDir: string;
  chromiumPath: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eStack: E2eStack | null;
  }
}

export function e2eStack(): E2eStack | null {
  return inject('e2eStack');
}
