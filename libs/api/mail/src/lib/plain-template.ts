import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MailTemplates } from './mail-templates';

/** `plain`: a subject and a text given in the record's data (operational notices, tests). */
@Injectable()
export class PlainTemplate implements OnModuleInit {
  constructor(private readonly templates: MailTemplates) {}

  onModuleInit(): void {
    this.templates.register('plain', (data) => {
      const subject = typeof data['subject'] === 'string' ? data['subject'] : '';
      const text = typeof data['text'] === 'string' ? data['text'] : '';
      const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body><p>${escapeHtml(text).replace(/\n/g, '<br>')}</p></body></html>`;
      return { subject, text, html };
    });
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
