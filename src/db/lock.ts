/**
 * One process per embedded database: PGlite's folder opened by two processes at once is corrupted, so the
 * process that opens it writes its pid to `<dataDir>/qingmiao.pid` (created exclusively) and removes it on
 * close. A file left by a process that no longer runs (a crash, kill -9) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { conflict } from '../errors.js';

const LOCK_FILE = 'qingmiao.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holder(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the folder for this process or throws a Chinese conflict error naming the holder; returns the release. */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        if (holder(path) === process.pid) rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = holder(path);
      if (pid !== null && alive(pid)) {
        throw conflict(
          `数据目录 ${dir} 正由${pid === process.pid ? '本进程' : '另一个青苗进程'}（PID ${pid}）使用：内嵌数据库（PGlite）一次只能由一个进程打开，本次没有读写任何数据。` +
            '请先停止正在运行的 npm start（本地模式下可在控制台运行任务），或设置 DATABASE_URL 改用 PostgreSQL。',
        );
      }
      rmSync(path, { force: true }); // left by a process that is gone: take it over
    }
  }
  throw conflict(`无法锁定数据目录 ${dir}，请检查目录权限后重试。`);
}
