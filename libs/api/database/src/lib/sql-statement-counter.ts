import { Injectable } from '@nestjs/common';
import { dbStatements } from '@ratsinfo/api-core';
import type { PoolClient } from 'pg';

/**
 * Counts every SQL statement the application's pool sends to PostgreSQL (BEGIN, set_config and
 * COMMIT included), as the HTTP tests' query budgets need: an N+1 read shows up as N more.
 * One integer increment per statement, so it is on in production too.
 */
@Injectable()
export class SqlStatementCounter {
  private count = 0;

  get statements(): number {
    return this.count;
  }

  /** Wraps a freshly connected pool client's `query`. */
  instrument(client: PoolClient): void {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      this.count++;
      dbStatements.inc();
      return query(...args);
    };
  }
}
