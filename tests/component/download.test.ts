import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadTextFile } from '../../src/app/shared/download.ts';

// jsdom has no object URLs and does not follow download links: both are stood in for here, and
// the test checks what the browser would be handed.
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('saving text as a file', () => {
  it('clicks a download link to a blob of the text, then takes the link away and frees the blob', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const blobs: Blob[] = [];
    const revoked: string[] = [];
    vi.stubGlobal('URL', {
      createObjectURL: (blob: Blob) => `blob:test/${blobs.push(blob)}`,
      revokeObjectURL: (url: string) => revoked.push(url),
    });
    const clicked: { href: string; download: string; inPage: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ href: this.href, download: this.download, inPage: this.isConnected });
    });

    downloadTextFile('library.ddtally', 'line 1\nline 2 £5', 'application/x-test');

    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'library.ddtally', inPage: true }]);
    expect(document.querySelector('a')).toBeNull();
    const blob = blobs[0];
    expect(blob?.type).toBe('application/x-test');
    expect(await blob?.text()).toBe('line 1\nline 2 £5');
    // Not freed while the browser may still be reading it.
    expect(revoked).toEqual([]);
    vi.runAllTimers();
    expect(revoked).toEqual(['blob:test/1']);
  });
});
