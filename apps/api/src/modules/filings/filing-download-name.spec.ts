import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../storage/download';
import { downloadName } from './filing.service';

describe('download names and policies', () => {
  it('names a download from the case reference, kind and version only', () => {
    expect(downloadName('LPT-2026-0007', 'FIR_COPY', 2, 'application/pdf')).toBe('LPT-2026-0007-fir-copy-v2.pdf');
    expect(downloadName('LPT-2026-0007', 'COMMISSION_REPORT', 1, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(
      'LPT-2026-0007-commission-report-v1.docx',
    );
    // Nothing that could break out of the quoted header value survives.
    expect(downloadName('A"; filename=evil.html\r\n', 'OTHER', 1, 'image/png')).toBe('Afilenameevilhtml-other-v1.png');
    expect(downloadName('"', 'ORDER', 3, 'image/webp')).toBe('case-order-v3.webp');
  });

  it('sandboxes everything but an inline PDF, which still may run no script and load nothing', () => {
    expect(contentSecurityPolicy({ mimeType: 'application/pdf', disposition: 'attachment' })).toMatch(/^sandbox; default-src 'none'/);
    expect(contentSecurityPolicy({ mimeType: 'image/jpeg', disposition: 'inline' })).toMatch(/^sandbox; default-src 'none'/);
    const pdf = contentSecurityPolicy({ mimeType: 'application/pdf', disposition: 'inline' });
    expect(pdf).not.toContain('sandbox');
    expect(pdf).toContain("script-src 'none'");
    expect(pdf).toContain("form-action 'none'");
  });
});
