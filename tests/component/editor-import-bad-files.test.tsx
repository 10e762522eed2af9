// Issue 7: a malformed or huge spreadsheet, or one with duplicate bids, is refused in words on the
// organiser's screen, and nothing reaches the server.
import { deflateRawSync } from 'node:zlib';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { NewEventScreen } from '../../src/app/organiser/editor/NewEventScreen.tsx';
import { bidsXlsx, storedZip, withDeclaredSize } from '../fixtures/bids/xlsx.ts';
import { fakeEditorServer, renderEditor } from './editor-fake-api.tsx';

afterEach(cleanup);

const routes = [
  { path: '/new', render: () => <NewEventScreen /> },
  { path: '/events/:eventId/setup', render: () => <p>set-up screen</p> },
];

const deflate = (data: Uint8Array) => new Uint8Array(deflateRawSync(data));
const file = (content: string | Uint8Array, name: string) =>
  new File([typeof content === 'string' ? content : new Uint8Array(content)], name);

async function pick(content: string | Uint8Array, name: string) {
  const user = userEvent.setup();
  const server = fakeEditorServer([]);
  await renderEditor(server, '/new', routes);
  await user.click(await screen.findByRole('radio', { name: 'A spreadsheet of bids' }));
  await user.upload(screen.getByLabelText('Spreadsheet of bids'), file(content, name));
  return server;
}

describe('a bad spreadsheet of bids', () => {
  it.each([
    [
      'a workbook that unzips to 30 MB',
      withDeclaredSize(bidsXlsx(3, deflate), 'xl/worksheets/sheet1.xml', 30 * 1024 * 1024),
      'bids.xlsx',
      'The workbook unzips to more than 25 MB',
    ],
    [
      'a damaged workbook',
      bidsXlsx(3).slice(0, 300),
      'bids.xlsx',
      'This Excel file could not be read.',
    ],
    [
      'a zip that is not a workbook',
      storedZip({ 'notes.txt': 'hi' }),
      'bids.xlsx',
      'could not be read',
    ],
    ['a PDF', '%PDF-1.7\n1 0 obj', 'bids.csv', 'This is not a spreadsheet.'],
    [
      'a quote never closed',
      'Title,Cost\nPark,100\n"Benches,200\n',
      'bids.csv',
      'A quotation mark opened in row 3 is never closed',
    ],
  ])('%s: says so, and sends nothing', async (_label, content, name, words) => {
    const server = await pick(content, name);
    const alert = await screen.findByRole('alert', undefined, { timeout: 5_000 });
    expect(alert).toHaveTextContent(words);
    expect(alert.textContent?.trim()).not.toBe('');
    expect(screen.queryByRole('heading', { name: 'Check the bids' })).toBeNull();
    expect(server.calls).toEqual([]);
    expect(server.events.size).toBe(0);
  });

  it('duplicate titles or ids: each row told, left out, and nothing sent until confirmed', async () => {
    const server = await pick(
      [
        'Id,Title,Cost',
        'B1,Park benches,100',
        'B2,Park benches,200',
        'B1,Library books,300',
        'B3,Bus trips,400',
      ].join('\n'),
      'bids.csv',
    );
    const table = await screen.findByRole('table', {
      name: 'Every row of the file, with its problems',
    });
    expect(within(table).getByRole('row', { name: /^3 Park benches/ })).toHaveTextContent(
      'Left out. Same title as row 2.',
    );
    expect(within(table).getByRole('row', { name: /^4 Library books/ })).toHaveTextContent(
      'Left out. The id “B1” appears more than once.',
    );
    expect(server.calls).toEqual([]);
    expect(server.events.size).toBe(0);
  });
});
