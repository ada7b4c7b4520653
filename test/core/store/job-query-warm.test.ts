import { Database } from '../../../main/core/store/sqlite-driver.js';
import { describe, expect, it } from 'vitest';
import { JobRecords } from '../../../main/core/store/job-records.js';
import { migrate } from '../../../main/core/store/migrations.js';

describe("the window's first page on a store just opened", () => {
  it('prepares no statement: those of the first page were prepared when the store opened', () => {
    const db = new Database(':memory:');
    migrate(db);
    const records = new JobRecords(db);
    const prepare = db.prepare.bind(db);
    const prepared: string[] = [];
    db.prepare = ((sql: string) => (prepared.push(sql), prepare(sql))) as typeof db.prepare;
    expect(records.query({ filter: 'all', search: '', offset: 0, limit: 25 })).toEqual({
      total: 0,
      jobids: [],
    });
    expect(prepared).toEqual([]);
    // Another filter is prepared when first asked for, once.
    records.query({ filter: 'active', search: '', offset: 0, limit: 25 });
    records.query({ filter: 'active', search: '', offset: 25, limit: 25 });
    expect(prepared).toHaveLength(2);
    db.close();
  });
});
