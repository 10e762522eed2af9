/** Spreadsheet exports for organisers: results, and anonymised ballots. */
export { resultsCsv } from './results-csv.ts';
export { ballotsCsv } from './ballots-csv.ts';
