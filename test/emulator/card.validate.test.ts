import { describe, expect, it } from 'vitest';
import { validateCard } from '../../src/emulator/card.validate.js';
import { button, card, form, input, md, submitButton, table } from '../../src/feishu/cards/atoms.js';

const t = () => table([{ name: 'a', label: 'A' }], [{ a: 1 }]);
const base = (elements: unknown[]) => ({ schema: '2.0', body: { elements } });

describe('validateCard (card JSON 2.0 as Feishu checks it)', () => {
  const cases: [string, unknown, RegExp | null][] = [
    ['a card built from the atoms', card({ title: 'x', tags: ['a'] }, [md('**hi**'), button('b', 'x.y')]), null],
    ['a form with named fields and a submit', base([form('f', [input('n', '名'), submitButton('交', 'x.s')])]), null],
    ['five tables', base([t(), t(), t(), t(), t()]), null],
    ['schema 1.0', { elements: [] }, /230099.*schema must be "2.0"/],
    ['an unknown top-level key', { ...base([]), elements: [] }, /unknown property; ErrorValue: elements/],
    [
      'an unknown header key',
      { ...base([]), header: { title: { tag: 'plain_text', content: 'x' }, color: 'red' } },
      /header\.color/,
    ],
    [
      'a bad header template',
      { ...base([]), header: { title: { tag: 'plain_text', content: 'x' }, template: 'pink' } },
      /invalid header template/,
    ],
    ['no body', { schema: '2.0' }, /body\.elements is required/],
    [
      'six tables',
      base([t(), t(), t(), t(), t(), t()]),
      /11310; ErrMsg: card table number over limit; ErrorValue: table/,
    ],
    ['page_size 11', base([{ ...t(), page_size: 11 }]), /page_size must be 1\.\.10/],
    [
      'a table in a column',
      base([{ tag: 'column_set', columns: [{ tag: 'column', elements: [t()] }] }]),
      /table must be at the root/,
    ],
    [
      'a form in a form',
      base([form('a', [form('b', [submitButton('s', 'x.s')]), submitButton('s', 'x.t')])]),
      /form cannot be nested/,
    ],
    [
      'a form inside a column',
      base([{ tag: 'column_set', columns: [{ tag: 'column', elements: [form('f', [submitButton('s', 'x.s')])] }] }]),
      /form must be at the root/,
    ],
    ['a table in a form', base([form('f', [t(), submitButton('s', 'x.s')])]), /table must be at the root/],
    [
      'an unnamed input in a form',
      base([form('f', [{ tag: 'input' }, submitButton('s', 'x.s')])]),
      /needs a name; ErrorValue: input/,
    ],
    [
      'duplicate names in a form',
      base([form('f', [input('n', 'a'), input('n', 'b'), submitButton('s', 'x.s')])]),
      /duplicate name in form; ErrorValue: n/,
    ],
    ['a form without submit', base([form('f', [input('n', 'a')])]), /form needs a submit button/],
    ['an unknown tag', base([{ tag: 'blink' }]), /unknown tag; ErrorValue: blink/],
    ['a 1.0 action module', base([{ tag: 'action', actions: [] }]), /not supported in card JSON 2.0/],
    ['201 elements', base(Array.from({ length: 201 }, () => md('x'))), /element number over limit/],
    ['input max_length 2000', base([{ tag: 'input', name: 'n', max_length: 2000 }]), /max_length/],
    ['a bad initial_date', base([{ tag: 'date_picker', name: 'd', initial_date: '2026/01/01' }]), /yyyy-MM-dd/],
    ['not JSON', '{"schema":', /230099.*parse card json err/],
  ];
  it.each(cases)('%s', (_name, cardValue, expected) => {
    const content = typeof cardValue === 'string' ? cardValue : JSON.stringify(cardValue);
    const problem = validateCard(content);
    if (expected === null) expect(problem).toBeNull();
    else expect(`${problem?.code}: ${problem?.msg}`).toMatch(expected);
  });

  it('refuses content over 30 KB with 230025', () => {
    const problem = validateCard(JSON.stringify(card({ title: 'x' }, [md('字'.repeat(11_000))])));
    expect(problem?.code).toBe(230025);
  });

  it('counts 200 elements as fine', () => {
    expect(validateCard(base(Array.from({ length: 200 }, () => md('x'))))).toBeNull();
  });
});
