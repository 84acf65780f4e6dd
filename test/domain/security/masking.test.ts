/** Finding 6: masks that do not leak, rendered literally, on cards that cannot be forwarded. */
import { describe, expect, it } from 'vitest';
import { type ProfileView, profileCard } from '../../../src/domain/org/org.cards.js';
import { maskIdNumber, maskMobile } from '../../../src/domain/org/org.rules.js';

const person = {
  id: 1,
  name: '陈思雨',
  gender: '女',
  birthDate: '1996-03-15',
  education: '大学',
  educationDetail: null,
  unitName: '青山镇',
  position: '科员',
  leadershipLevel: null,
  rank: null,
  cadreType: '公务员',
  politicalStatus: null,
  isXuandiao: false,
  isSecondee: false,
  townshipWorkStart: null,
  mobile: maskMobile('13900000005'),
  idNumber: maskIdNumber('36070219960315002X'),
} as unknown as ProfileView;

describe('masked personal data on the profile card', () => {
  const c = profileCard(person, '2026-11-30', 35);
  const content = JSON.stringify(c.body);

  it('shows the ID number without county or birth digits, and the phone with its stars escaped', () => {
    expect(person.idNumber).toBe('3607**********002X');
    expect(content).toContain('3607&#42;&#42;&#42;&#42;&#42;&#42;&#42;&#42;&#42;&#42;002X');
    expect(content).toContain('139&#42;&#42;&#42;&#42;0005');
    // Unescaped stars would pair up into bold: 139**0005 with "**" eaten.
    expect(content).not.toMatch(/139\*/);
    expect(content).not.toContain('19960315');
  });

  it('cannot be forwarded', () => {
    expect(c.config.enable_forward).toBe(false);
  });
});
