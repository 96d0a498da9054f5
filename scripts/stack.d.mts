// Types for stack.mjs, for the TypeScript that starts the stack (the browser tests' global setup).

export interface StackOptions {
  /** The repository (default: the one this file is in). */
  root?: string;
  /** The data folder: lock, embedded database, development key file (default <root>/.data). */
  dataDir?: string;
  /** Settings (default process.env). A WEB_PORT or API_PORT of "0" picks a free port. */
  env?: NodeJS.ProcessEnv;
  /** Bring the builds up to date first (default true). */
  build?: boolean;
  /** Regenerate the Prisma client as part of the build (default true). */
  generate?: boolean;
  /** Short progress lines. */
  log?: (line: string) => void;
  /**
   * What the API, the web and the embedded database print, prefixed with its source. While starting
   * only warnings, errors and the setup token pass, unless startOutput is 'all'.
   */
  output?: (line: string) => void;
  startOutput?: 'notable' | 'all';
}

export declare class Stack {
  constructor(options?: StackOptions);
  readonly webUrl: string;
  readonly apiUrl: string;
  /** The one-time setup token, when the API printed one (a start with no organisation yet). */
  readonly setupToken: string | undefined;
  /** Resolves with an Error when a part stops on its own after the start. */
  readonly failure: Promise<Error>;
  start(): Promise<this>;
  /** Stops web, API and database in that order and releases the lock. */
  stop(): Promise<void>;
  /** Kills every part at once and releases the lock. */
  forceStop(): void;
}

export declare function startStack(options?: StackOptions): Promise<Stack>;

/** A line watcher for the API's setup banner: true for the banner's lines; calls onToken with the token. */
export declare function watchSetupBanner(onToken: (token: string) => void): (line: string) => boolean;

export declare class AlreadyRunningError extends Error {
  readonly pid: number;
}
