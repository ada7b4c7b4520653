import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

/**
 * better-sqlite3 13 is built on Node-API 10: Node has it from 22.14 on (and Electron 41), and 13
 * crashes in `new Database()` on anything older (Node 20). better-sqlite3 12 wraps its objects in
 * `node::ObjectWrap`, whose Node 24 header registers an environment cleanup hook per object: when
 * the collector frees a statement outside a Node context, or the process exits, Node aborts
 * (`Assertion failed: (env) != nullptr`, exit 134). So each Node gets the one that works there;
 * both have the same API.
 */
export const SQLITE_DRIVER: 'better-sqlite3@13' | 'better-sqlite3@12' =
  Number(process.versions.napi ?? 0) >= 10 ? 'better-sqlite3@13' : 'better-sqlite3@12';

/** better-sqlite3's `Database` class, from the driver for this Node. */
export const Database: typeof BetterSqlite3 = require(
  SQLITE_DRIVER === 'better-sqlite3@13' ? 'better-sqlite3-napi' : 'better-sqlite3',
) as typeof BetterSqlite3;
