import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from './src/db/client.ts';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
const mode = process.argv[2];
const t = performance.now();
if (mode === 'migrate') { const h = openDatabase({ dataDir: 'memory://' }); await h.migrate(); }
else if (mode === 'dump') { const pg = await PGlite.create(); await openDatabase({ pglite: pg }).migrate(); writeFileSync('/tmp/i11-snap.tar', new Uint8Array(await (await pg.dumpDataDir('none')).arrayBuffer())); }
else { const pg = await PGlite.create({ loadDataDir: new Blob([readFileSync('/tmp/i11-snap.tar')]) }); await pg.query('select 1 from talks limit 1').catch(e=>console.log(String(e))); }
console.log(mode, Math.round(performance.now() - t), 'ms');
