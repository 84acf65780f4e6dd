import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs in local mode with nothing set', () => {
    const c = loadConfig({});
    expect(c.feishu.mode).toBe('emulator');
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.feishu.domain).toBe('http://127.0.0.1:3000/emulator');
    expect(c.seedDemo).toBe('auto');
    expect(c.timezone).toBe('Asia/Shanghai');
  });

  it('defaults to webhook mode with an app id, and never seeds there', () => {
    const c = loadConfig({ FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718', FEISHU_APP_SECRET: 's', FEISHU_ENCRYPT_KEY: 'k' });
    expect(c.feishu.mode).toBe('webhook');
    expect(c.feishu.domain).toBe('https://open.feishu.cn');
    expect(c.seedDemo).toBe('never');
  });

  it('takes the 换届 date (TERM_START_DATE) as a real date, 2021-10-01 by default', () => {
    expect(loadConfig({}).termStartDate).toBe('2021-10-01');
    expect(loadConfig({ TERM_START_DATE: '2026-10-15' }).termStartDate).toBe('2026-10-15');
    for (const bad of ['2021-02-30', '2021/10/01', '换届']) {
      expect(() => loadConfig({ TERM_START_DATE: bad }), bad).toThrow(/TERM_START_DATE.*换届日期/);
    }
  });

  it('starts the local console clock at DEV_CLOCK_START; refuses it outside local mode or without a time', () => {
    expect(loadConfig({}).emulator.devClockStart).toBeNull();
    const at = loadConfig({ DEV_CLOCK_START: '2026-12-03T09:00:00+08:00' }).emulator.devClockStart;
    expect(at?.toISOString()).toBe('2026-12-03T01:00:00.000Z');
    for (const bad of ['2026-12-03', 'tomorrow', '2026-13-03T09:00:00+08:00']) {
      expect(() => loadConfig({ DEV_CLOCK_START: bad }), bad).toThrow(/DEV_CLOCK_START.*带时区的日期时间/);
    }
    const prod = { FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 's', FEISHU_ENCRYPT_KEY: 'k' };
    expect(() => loadConfig({ ...prod, DEV_CLOCK_START: '2026-12-03T09:00:00+08:00' })).toThrow(/仅用于本地模式/);
  });

  it('lists every bad variable at once', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'abc', TIMEZONE: 'Mars/Base', FEISHU_MODE: 'ws' });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    for (const name of ['PORT', 'TIMEZONE', 'FEISHU_APP_ID', 'FEISHU_APP_SECRET']) expect(message).toContain(name);
  });

  it('needs a key or token for webhook mode', () => {
    expect(() => loadConfig({ FEISHU_MODE: 'webhook', FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 's' })).toThrow(
      /FEISHU_ENCRYPT_KEY/,
    );
  });
});
