import { describe, expect, it } from 'vitest';
import {
  allowedAgeBands,
  areaPostcodeMatcher,
  checkRegistration,
  initialsOf,
  LIKELY_DUPLICATES_SHOWN,
  likelyDuplicates,
  normalisePostcode,
  registrationDay,
  streetKey,
  type DeskRegistration,
} from '../../src/core/register.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { eventSchema, type Desk } from '../../src/core/schema.ts';

const desk: Desk = {
  fields: ['name', 'postcode', 'street', 'ageBand', 'connection'],
  postcodes: ['TD9 8', 'TD9 7AB'],
  streets: ['Mansfield Road', 'Café Street'],
  minimumAge: 16,
};

describe('postcodes', () => {
  it('normalises case and spaces, UK style', () => {
    expect(normalisePostcode(' td98ab ')).toBe('TD9 8AB');
    expect(normalisePostcode('EH1  2NG')).toBe('EH1 2NG');
    expect(normalisePostcode('sw1a1aa')).toBe('SW1A 1AA');
    expect(normalisePostcode('TD9 OAB')).toBe('TD9 0AB');
  });
  it('refuses what is not a whole postcode', () => {
    expect(normalisePostcode('TD9')).toBeNull();
    expect(normalisePostcode('12345')).toBeNull();
    expect(normalisePostcode('')).toBeNull();
  });
  it('matches area entries by whole postcode, sector, district and area, at boundaries', () => {
    expect(areaPostcodeMatcher('td9 7ab')?.('TD9 7AB')).toBe(true);
    expect(areaPostcodeMatcher('TD9 8')?.('TD9 8XY')).toBe(true);
    expect(areaPostcodeMatcher('TD9 8')?.('TD9 7XY')).toBe(false);
    expect(areaPostcodeMatcher('TD9')?.('TD9 1AA')).toBe(true);
    // A district is not the start of a longer one.
    expect(areaPostcodeMatcher('TD9')?.('TD95 1AA')).toBe(false);
    expect(areaPostcodeMatcher('TD')?.('TD1 1AA')).toBe(true);
    expect(areaPostcodeMatcher('T')?.('TD1 1AA')).toBe(false);
    expect(areaPostcodeMatcher('9TD')).toBeNull();
  });
});

describe('streets and names', () => {
  it('compares streets ignoring case, accents, punctuation and short forms', () => {
    expect(streetKey('  MANSFIELD rd. ')).toBe(streetKey('Mansfield Road'));
    expect(streetKey('Cafe St')).toBe(streetKey('Café Street'));
    expect(streetKey('Mansfield Avenue')).not.toBe(streetKey('Mansfield Road'));
  });
  it('takes initials of a name, or keeps initials typed as such', () => {
    expect(initialsOf("Ann-Marie O'Neil")).toBe('amon');
    expect(initialsOf('A.M.')).toBe('am');
    expect(initialsOf('JS')).toBe('js');
  });
});

describe('checkRegistration', () => {
  const good = {
    name: ' Jo  Smith ',
    postcode: 'td98ab',
    street: 'mansfield rd',
    ageBand: '18-24',
    connection: 'live',
  } as const;

  it('accepts a row in the area at or above the minimum age, normalised', () => {
    const result = checkRegistration(desk, good);
    expect(result).toEqual({
      ok: true,
      answers: {
        name: 'Jo Smith',
        postcode: 'TD9 8AB',
        street: 'mansfield rd',
        ageBand: '18-24',
        connection: 'live',
      },
    });
  });

  it('refuses a postcode and street outside the area, naming the list', () => {
    const result = checkRegistration(desk, { ...good, postcode: 'EH1 2NG', street: 'Princes St' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        code: 'outside-area',
        params: { field: 'postcode', value: 'EH1 2NG', list: 'TD9 8, TD9 7AB', more: 0 },
      },
    ]);
  });

  it('accepts when either address field is in the area', () => {
    expect(checkRegistration(desk, { ...good, postcode: 'EH1 2NG' }).ok).toBe(true);
    expect(checkRegistration(desk, { ...good, street: 'Princes St' }).ok).toBe(true);
  });

  it('lets the organiser say yes to a row outside the area, never to one under age', () => {
    const outside = { ...good, postcode: 'EH1 2NG', street: 'Princes St' };
    expect(checkRegistration(desk, outside, { areaOverride: true }).ok).toBe(true);
    const young = checkRegistration(desk, { ...outside, ageBand: '8-15' }, { areaOverride: true });
    expect(young.ok).toBe(false);
    if (!young.ok) expect(young.problems.map((p) => p.code)).toEqual(['under-age']);
  });

  it('refuses a voter under the minimum age', () => {
    const result = checkRegistration(desk, { ...good, ageBand: '8-15' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { code: 'under-age', params: { band: '8-15', minimumAge: 16 } },
    ]);
    expect(checkRegistration(desk, { ...good, ageBand: '16-17' }).ok).toBe(true);
    expect(checkRegistration({ ...desk, minimumAge: 8 }, { ...good, ageBand: '8-15' }).ok).toBe(
      true,
    );
    expect(checkRegistration({ ...desk, minimumAge: 18 }, { ...good, ageBand: '16-17' }).ok).toBe(
      false,
    );
  });

  it('names every missing field, a bad postcode and an over-long name', () => {
    const result = checkRegistration(desk, { name: 'x'.repeat(81), postcode: 'TD9' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { code: 'too-long', params: { field: 'name', max: 80 } },
      { code: 'bad-postcode', params: { postcode: 'TD9' } },
      { code: 'missing', params: { field: 'street' } },
      { code: 'missing', params: { field: 'ageBand' } },
      { code: 'missing', params: { field: 'connection' } },
    ]);
  });

  it('keeps only the fields the desk asks, and checks no area without a list', () => {
    const small: Desk = { fields: ['postcode'] };
    expect(checkRegistration(small, { ...good, postcode: 'EH1 2NG' })).toEqual({
      ok: true,
      answers: { postcode: 'EH1 2NG' },
    });
  });

  it('shows at most five entries of a long list and says how many more', () => {
    const long: Desk = {
      fields: ['postcode'],
      postcodes: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'],
    };
    const result = checkRegistration(long, { postcode: 'TD9 8AB' });
    expect(result.ok ? null : result.problems[0]?.params).toEqual({
      field: 'postcode',
      value: 'TD9 8AB',
      list: 'A1, A2, A3, A4, A5',
      more: 2,
    });
  });

  it('allows the bands at or above the minimum age', () => {
    expect(allowedAgeBands({ fields: ['ageBand'], minimumAge: 16 })[0]).toBe('16-17');
    expect(allowedAgeBands({ fields: ['ageBand'] })[0]).toBe('8-15');
  });
});

describe('the event schema', () => {
  const withDesk = (d: unknown) =>
    eventSchema.safeParse({ ...DEMO_EVENT, checkIn: { desk: d } }).success;
  it('accepts a desk with postcode starts, streets and a minimum age', () => {
    expect(withDesk(desk)).toBe(true);
    expect(withDesk({ fields: ['name'], postcodes: ['TD', 'td9', 'TD9 8', 'TD98AB'] })).toBe(true);
  });
  it('refuses a minimum age that is not a band boundary, and a list entry that is no postcode', () => {
    expect(withDesk({ ...desk, minimumAge: 12 })).toBe(false);
    expect(withDesk({ ...desk, postcodes: ['Burnfoot'] })).toBe(false);
    expect(withDesk({ ...desk, fields: [] })).toBe(false);
    expect(withDesk({ ...desk, fields: ['shoe-size'] })).toBe(false);
  });
});

describe('the register stays apart from ballots', () => {
  it('a registration has no field naming a ballot, a code or a time of day', () => {
    const result = checkRegistration(desk, {
      name: 'Jo',
      postcode: 'TD9 8AB',
      street: 'x',
      ageBand: '18-24',
      connection: 'work',
      // Extra keys a buggy caller might pass are dropped.
      ...({ ballotId: 'b1', code: 'ABCD' } as object),
    });
    expect(Object.keys(result.answers).sort()).toEqual([
      'ageBand',
      'connection',
      'name',
      'postcode',
      'street',
    ]);
    expect(registrationDay(new Date(2026, 5, 13, 14, 37))).toBe('2026-06-13');
  });
});

describe('likelyDuplicates', () => {
  const row = (id: string, deskId: string, extra: Partial<DeskRegistration>): DeskRegistration => ({
    id,
    eventId: 'e',
    day: '2026-06-13',
    released: 'tablet',
    desk: deskId,
    ...extra,
  });

  it('pairs the same name and postcode across desks, ignoring case and accents', () => {
    const rows = [
      row('r2', 'hall', { name: 'Zoë Brown', postcode: 'TD9 8AB' }),
      row('r1', 'library', { name: 'zoe  BROWN', postcode: 'TD9 8AB' }),
      row('r3', 'hall', { name: 'Zoe Brown', postcode: 'TD9 8AC' }),
    ];
    expect(likelyDuplicates(rows).pairs).toEqual([
      { a: 'r1', b: 'r2', reason: 'same-name-postcode', acrossDesks: true },
    ]);
  });

  it('pairs the same name and street, and initials with a postcode unless the ages differ', () => {
    const rows = [
      row('a', 'hall', { name: 'Sam Lee', street: 'Mansfield Rd' }),
      row('b', 'hall', { name: 'sam lee', street: 'mansfield road' }),
      row('c', 'hall', { name: 'Kim Park', postcode: 'TD9 8AB', ageBand: '25-44' }),
      row('d', 'library', { name: 'KP', postcode: 'TD9 8AB', ageBand: '25-44' }),
      row('e', 'library', { name: 'K.P.', postcode: 'TD9 8AB', ageBand: '65-plus' }),
    ];
    expect(likelyDuplicates(rows).pairs).toEqual([
      { a: 'a', b: 'b', reason: 'same-name-street', acrossDesks: false },
      { a: 'c', b: 'd', reason: 'same-initials-postcode', acrossDesks: true },
    ]);
  });

  it('reports a pair once with its strongest reason, and never pairs rows without a name', () => {
    const rows = [
      row('x', 'hall', { name: 'Al Day', postcode: 'TD9 8AB', street: 'Main St' }),
      row('y', 'library', { name: 'Al Day', postcode: 'TD9 8AB', street: 'Main Street' }),
      row('p', 'hall', { postcode: 'TD9 8AB' }),
      row('q', 'hall', { postcode: 'TD9 8AB' }),
    ];
    expect(likelyDuplicates(rows).pairs).toEqual([
      { a: 'x', b: 'y', reason: 'same-name-postcode', acrossDesks: true },
    ]);
  });
});

describe('likelyDuplicates on a register where thousands look alike', () => {
  const many = (n: number): DeskRegistration[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `r${String(i).padStart(5, '0')}`,
      eventId: 'e',
      day: '2026-06-13',
      released: 'tablet' as const,
      desk: i % 2 === 0 ? 'hall' : 'library',
      // Same initials and postcode for every row; a few share the whole name too.
      name: i < 4 ? 'Ann Bell' : `A${i} B${i}`,
      postcode: 'TD9 8AB',
    }));

  it('lists at most the limit, strongest reasons first, and says the list was cut', () => {
    const rows = many(20_000);
    const { pairs, cut } = likelyDuplicates(rows);
    expect(cut).toBe(true);
    expect(pairs).toHaveLength(LIKELY_DUPLICATES_SHOWN);
    // The six pairs among the four "Ann Bell" rows are the strongest: all of them are kept.
    const sameName = pairs.filter((p) => p.reason === 'same-name-postcode');
    expect(sameName).toHaveLength(6);
    expect(new Set(pairs.map((p) => `${p.a} ${p.b}`)).size).toBe(pairs.length);
  });

  it('is not cut when every pair fits', () => {
    const { pairs, cut } = likelyDuplicates(many(40));
    expect(pairs).toHaveLength((40 * 39) / 2);
    expect(cut).toBe(false);
  });
});
