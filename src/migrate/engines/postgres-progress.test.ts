import assert from 'node:assert/strict';
import { describe, it } from '../../../test/harness.js';
import { afterData } from './postgres-progress.js';

/** pg_restore --verbose of a dump with a sequence, a large object, keys, an index, a grant and a materialized view. */
const VERBOSE = `pg_restore: connecting to database for restore
pg_restore: creating TABLE "public.a"
pg_restore: creating SEQUENCE "public.a_id_seq"
pg_restore: creating TABLE "public.b"
pg_restore: creating MATERIALIZED VIEW "public.m"
pg_restore: executing BLOB 16473
pg_restore: processing data for table "public.a"
pg_restore: processing data for table "public.b"
pg_restore: executing SEQUENCE SET a_id_seq
pg_restore: processing BLOBS
pg_restore: restoring large object with OID 16473
pg_restore: restored 1 large object
pg_restore: creating CONSTRAINT "public.a a_pkey"
pg_restore: creating INDEX "public.a_t_idx"
pg_restore: creating ACL "public.TABLE a"
`;

describe('the end of the data section, read from pg_restore --verbose', () => {
  it('comes at the first key or index after the rows, sequences and large objects, once, however the output is cut', () => {
    for (const size of [1, 7, 64, VERBOSE.length]) {
      const seen: number[] = [];
      let read = 0;
      const feed = afterData(() => seen.push(read));
      for (let i = 0; i < VERBOSE.length; i += size) {
        const piece = VERBOSE.slice(i, i + size);
        read = i + piece.length;
        feed(piece);
      }
      assert.equal(seen.length, 1, `pieces of ${size}: called once`);
      const at = VERBOSE.indexOf('creating CONSTRAINT');
      // Not before the line that begins the next section has been read whole.
      assert.ok((seen[0] ?? 0) > at && (seen[0] ?? 0) <= VERBOSE.indexOf('\n', at) + size, `pieces of ${size}`);
    }
  });

  it('is not the tables created before the data, and never comes for a dump with no data section', () => {
    let called = 0;
    const feed = afterData(() => called++);
    feed(
      'pg_restore: creating TABLE "public.a"\npg_restore: creating INDEX "public.i"\npg_restore: creating ACL "x"\n',
    );
    assert.equal(called, 0);
  });
});
