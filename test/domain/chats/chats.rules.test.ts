import { describe, expect, it } from 'vitest';
import { type ChatInfo, looksLikeLeadersChat, pickLeadersChat } from '../../../src/domain/chats/chats.rules.js';

const chat = (chatId: string, name: string, over: Partial<ChatInfo> = {}): ChatInfo => ({
  chatId,
  name,
  active: true,
  isLeaders: false,
  addedAt: new Date('2026-01-01T00:00:00Z'),
  ...over,
});

describe('leaders chat choice', () => {
  it.each([
    ['none at all', [], null],
    ['no chat named like it', [chat('a', '组织部工作群')], null],
    ['by name', [chat('a', '组织部工作群'), chat('b', '县领导工作群')], 'b'],
    [
      'the earliest joined by name',
      [
        chat('b', '领导群二', { addedAt: new Date('2026-03-01') }),
        chat('c', '领导群一', { addedAt: new Date('2026-02-01') }),
      ],
      'c',
    ],
    ['designated beats name', [chat('a', '县领导群'), chat('b', '工作群', { isLeaders: true })], 'b'],
    [
      'designated but left: falls back to name',
      [chat('a', '县领导群'), chat('b', '工作群', { isLeaders: true, active: false })],
      'a',
    ],
    ['named but left', [chat('a', '县领导群', { active: false })], null],
  ] as [string, ChatInfo[], string | null][])('%s', (_name, chats, expected) => {
    expect(pickLeadersChat(chats)).toBe(expected);
  });

  it.each([
    ['县领导群', true],
    ['领导小组', true],
    ['组织部', false],
    ['', false],
  ])('%s looks like a leaders chat: %s', (name, expected) => {
    expect(looksLikeLeadersChat(name)).toBe(expected);
  });
});
