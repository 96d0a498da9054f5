export type Contracts = typeof import('@lapata/contracts');

/**
 * The shared schemas, loaded when a form or an answer first needs checking rather than with the
 * page: with zod under them they would otherwise be most of the page's script.
 */
export function loadContracts(): Promise<Contracts> {
  return import('@lapata/contracts');
}

/** A shared schema for `callApi`, loaded with the first answer it checks. */
export function lazySchema<T>(pick: (contracts: Contracts) => { parse(value: unknown): T }): { parse(value: unknown): Promise<T> } {
  return { parse: async (value) => pick(await loadContracts()).parse(value) };
}
