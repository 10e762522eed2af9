/**
 * Which column holds which bid field, from the header as people write it: "Project name",
 * "Amount requested (£)", "Organisation", "Short description", "Ward / area"… Matching ignores
 * case, spaces, punctuation and accents, and knows common English words first, then Welsh and
 * Polish ones. The longest matching phrase wins, so "Short description" is a summary and "Project
 * ID" an id; on a tie the more specific field wins ("Organisation name" is a group, not a title).
 * Columns about a person (contact, email, phone, address) are never matched: they stay out.
 */
import type { BidField, ColumnDetection, ColumnMapping, ImportProblem, Sheet } from './types.ts';
import { BID_FIELDS, REQUIRED_FIELDS } from './types.ts';

/** In order of precedence on a tie: generic words ("name", "project") last. */
const PHRASES: [BidField, string[]][] = [
  [
    'easyRead',
    ['easy read', 'easyread', 'easy read summary', 'hawdd ei ddarllen', 'latwy do czytania'],
  ],
  [
    'summary',
    [
      'summary',
      'short description',
      'brief description',
      'overview',
      'abstract',
      'crynodeb',
      'disgrifiad byr',
      'streszczenie',
      'krotki opis',
      'podsumowanie',
    ],
  ],
  [
    'description',
    [
      'description',
      'full description',
      'long description',
      'details',
      'detail',
      'more information',
      'disgrifiad',
      'manylion',
      'opis',
      'szczegoly',
      'pelny opis',
    ],
  ],
  [
    'group',
    [
      'group',
      'group name',
      'organisation',
      'organization',
      'organisations',
      'organizations',
      'org',
      'applicant',
      'applicant name',
      'lead organisation',
      'community group',
      'submitted by',
      'grwp',
      'sefydliad',
      'ymgeisydd',
      'grupa',
      'grupy',
      'organizacja',
      'organizacji',
      'wnioskodawca',
      'autor',
    ],
  ],
  [
    'cost',
    [
      'cost',
      'costs',
      'total cost',
      'amount',
      'amount requested',
      'price',
      'budget',
      'budget requested',
      'grant requested',
      'funding requested',
      'request',
      'swm',
      'cyllideb',
      'pris',
      'koszt',
      'kwota',
      'cena',
      'budzet',
      'wartosc',
    ],
  ],
  [
    'category',
    [
      'category',
      'categories',
      'theme',
      'themes',
      'tag',
      'tags',
      'topic',
      'categori',
      'thema',
      'kategoria',
      'temat',
    ],
  ],
  [
    'ward',
    [
      'ward',
      'area',
      'neighbourhood',
      'neighborhood',
      'district',
      'locality',
      'ardal',
      'dzielnica',
      'obszar',
      'osiedle',
      'rejon',
    ],
  ],
  [
    'id',
    [
      'id',
      'ref',
      'reference',
      'ref no',
      'project id',
      'bid id',
      'project number',
      'bid number',
      'application number',
      'project ref',
      'bid ref',
      'cyfeirnod',
      'identyfikator',
      'numer projektu',
    ],
  ],
  [
    'title',
    [
      'title',
      'name',
      'project',
      'project name',
      'project title',
      'bid',
      'bid name',
      'bid title',
      'idea',
      'teitl',
      'enw',
      'prosiect',
      'enw r prosiect',
      'cais',
      'tytul',
      'nazwa',
      'projekt',
      'nazwa projektu',
      'tytul projektu',
    ],
  ],
];

/** Words that mark a column about a person: never imported. */
const PERSONAL = new Set([
  'contact',
  'email',
  'e mail',
  'phone',
  'telephone',
  'mobile',
  'address',
  'postcode',
  'cyswllt',
  'ebost',
  'ffon',
  'kontakt',
  'telefon',
  'adres',
]);

/** Lower-case words of a header, accents and punctuation gone: "Amount (£) " → "amount". */
export function headerWords(header: string): string[] {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

const PHRASE_WORDS = PHRASES.map(
  ([field, phrases]) => [field, phrases.map((p) => p.split(' '))] as const,
);

function contains(words: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** The field a header names, and how strongly (longer phrases and whole-header matches win). */
export function matchHeader(header: string): { field: BidField; score: number } | null {
  const words = headerWords(header);
  if (words.length === 0) {
    if (/[£€$]|zł/.test(header)) return { field: 'cost', score: 1 };
    if (header.trim() === '#') return { field: 'id', score: 1 };
    return null;
  }
  for (const personal of PERSONAL) if (contains(words, personal.split(' '))) return null;
  let best: { field: BidField; score: number } | null = null;
  for (const [field, phrases] of PHRASE_WORDS) {
    for (const phrase of phrases) {
      if (!contains(words, phrase)) continue;
      const score = phrase.length + (phrase.length === words.length ? 0.5 : 0);
      // Strictly greater: on a tie the field listed first (the more specific) keeps it.
      if (best === null || score > best.score) best = { field, score };
    }
  }
  return best;
}

const cellText = (cell: string | number | undefined) =>
  cell === undefined ? '' : String(cell).trim();

/** Matches each column to a field; each field goes to its strongest column (the first on a tie). */
export function detectColumns(sheet: Sheet): ColumnDetection {
  const matches = sheet.header.map((h) => matchHeader(h));
  const mapping: ColumnMapping = {};
  const problems: ImportProblem[] = [];
  for (const field of BID_FIELDS) {
    let bestIndex = -1;
    matches.forEach((m, i) => {
      if (m?.field !== field) return;
      if (bestIndex === -1 || m.score > (matches[bestIndex]?.score ?? 0)) bestIndex = i;
    });
    if (bestIndex !== -1) mapping[field] = bestIndex;
  }
  const columns = sheet.header.map((header, index) => {
    const m = matches[index];
    const field = m && mapping[m.field] === index ? m.field : null;
    if (m && field === null) {
      problems.push({
        code: 'column-ignored',
        severity: 'warning',
        params: { column: header, field: m.field },
      });
    }
    const samples: string[] = [];
    for (const row of sheet.rows) {
      const text = cellText(row.cells[index]);
      if (text !== '') samples.push(text.slice(0, 100));
      if (samples.length === 3) break;
    }
    return { index, header, field, samples };
  });
  const missing = REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
  return { columns, mapping, missing, problems };
}

/** Can this header row be the one with bid fields? (title and cost, or any three fields) */
export function looksLikeHeader(cells: readonly (string | number)[]): boolean {
  const fields = new Set(
    cells.map((c) => matchHeader(cellText(c))?.field).filter((f) => f !== undefined),
  );
  return (fields.has('title') && fields.has('cost')) || fields.size >= 3;
}

/** The headers of the downloadable template, one per field a sheet can bring. */
export const TEMPLATE_HEADERS: Record<Exclude<BidField, 'id'>, string> = {
  title: 'Title',
  group: 'Group',
  cost: 'Cost',
  category: 'Category',
  summary: 'Summary',
  description: 'Description',
  ward: 'Ward',
  easyRead: 'Easy read',
};

/** The template an organiser downloads: one header row, in the order of TEMPLATE_HEADERS. */
export function bidsTemplateCsv(): string {
  return `${Object.values(TEMPLATE_HEADERS).join(',')}\r\n`;
}
