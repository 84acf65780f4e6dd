import type { Capability } from './capability.js';
import { chats } from './domain/chats/chats.handlers.js';
import { help } from './domain/help/help.handlers.js';
import { outboxHousekeeping } from './feishu/outbox.jobs.js';
import { system } from './domain/system/system.jobs.js';

/** Every capability of the bot, installed in this order. Adding one is one line here. */
export const capabilities: Capability[] = [help, system, chats, outboxHousekeeping];
