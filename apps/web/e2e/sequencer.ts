import { basename } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const first = 'setup-flow.e2e.ts';

/**
 * The browser tests share one stack: the setup flow creates the organisation and its administrator
 * (written to admin.json in the data folder) that the other files sign in with, so it runs first;
 * the others follow in alphabetical order. Files of other projects keep the default order.
 */
export class E2eSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isE2e = (spec: TestSpecification) => spec.project.name === 'e2e';
    const rank = (spec: TestSpecification) => (basename(spec.moduleId) === first ? 0 : 1);
    const e2e = sorted
      .filter(isE2e)
      .sort((a, b) => rank(a) - rank(b) || basename(a.moduleId).localeCompare(basename(b.moduleId)));
    return sorted.map((spec) => (isE2e(spec) ? e2e.shift()! : spec));
  }
}
