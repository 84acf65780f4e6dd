import type { Capability } from './capability.js';
import { chats } from './domain/chats/chats.handlers.js';
import { help } from './domain/help/help.handlers.js';
import { mentoringCapability } from './domain/mentoring/mentoring.handlers.js';
import { org } from './domain/org/org.handlers.js';
import { talksCapability } from './domain/talks/talks.handlers.js';
import { outboxHousekeeping } from './feishu/outbox.jobs.js';
import { system } from './domain/system/system.jobs.js';

/** Every capability of the bot, installed in this order. Adding one is one line here. */
export const capabilities: Capability[] = [help, org, system, chats, outboxHousekeeping, talksCapability, mentoringCapability];
