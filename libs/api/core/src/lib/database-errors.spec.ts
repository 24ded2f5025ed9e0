import { databaseProblem } from './database-errors';

describe('databaseProblem', () => {
  it('answers a refused lifecycle transition of the database functions (55000) with 409', () => {
    expect(databaseProblem({ code: '55000', message: 'suspend x before deleting it' })).toMatchObject({ status: 409 });
  });

  it('answers a bad argument to a database function (22023) with 400', () => {
    expect(databaseProblem({ code: '22023' })).toMatchObject({ status: 400 });
  });

  it('finds the SQLSTATE inside a Prisma raw-query error', () => {
    expect(databaseProblem({ code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: '55000', kind: 'postgres' } } } })).toMatchObject({ status: 409 });
  });

  it('leaves errors that are not the database’s alone', () => {
    expect(databaseProblem(new Error('boom'))).toBeUndefined();
  });
});
