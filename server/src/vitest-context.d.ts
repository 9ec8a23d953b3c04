// Values the test run's global setup provides to tests (see test/harness/postgres-global-setup.ts).
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the run's throwaway PostgreSQL, when it has one. */
    postgresUrl: string | undefined;
    /** Migrated template database that each PostgreSQL test database is cloned from. */
    postgresTemplate: string;
    /** File holding a migrated PGlite data dir that test databases are loaded from. */
    pgliteImage: string | undefined;
  }
}
