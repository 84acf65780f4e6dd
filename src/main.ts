import 'dotenv/config';
import { buildBot } from './app.js';
import { ConfigError, loadConfig, publicConsoleProblem } from './config.js';
import { openDatabase } from './db/client.js';
import { isAppError } from './errors.js';
import { startLongConnection } from './feishu/ws.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const exposed = publicConsoleProblem(config);
  if (exposed?.refuse) {
    console.error(exposed.message);
    process.exit(1);
  }
  let handle: ReturnType<typeof openDatabase>;
  try {
    handle = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  } catch (e) {
    if (!isAppError(e)) throw e;
    console.error(e.message);
    process.exit(1);
  }
  await handle.migrate();
  const bot = await buildBot({ config, db: handle.db, dbDriver: handle.driver });
  const log = bot.app.log;
  if (exposed) log.warn(exposed.message);

  await bot.app.listen({ port: config.port, host: config.host });
  bot.outbox.start();
  // Events a crashed process accepted but did not finish are claimed once their lease runs out.
  bot.router.inbox.start();
  const ws = config.feishu.mode === 'ws' ? await startLongConnection({ config, router: bot.router, log }) : null;
  await bot.start();
  bot.scheduler.start();
  log.info({ mode: config.feishu.mode, driver: handle.driver }, `青苗 is up on http://${config.host}:${config.port}`);
  if (config.feishu.mode === 'emulator') log.info(`本地控制台 / console: http://localhost:${config.port}/console`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    ws?.close();
    await bot.app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error('启动失败 / failed to start:', err);
  process.exit(1);
});
