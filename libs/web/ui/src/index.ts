// i18n
export * from './lib/i18n/languages';
export * from './lib/i18n/language.service';
export * from './lib/i18n/provide-i18n';
// page titles
export * from './lib/title/page-title';
// formatting
export * from './lib/format/clock';
export * from './lib/format/date-time';
// presentational components
export * from './lib/components/alert/alert';
export * from './lib/components/breadcrumbs/breadcrumbs';
export * from './lib/components/date-time/date-time';
export * from './lib/components/language-switch/language-switch';
export * from './lib/components/loading/loading';
// page frame
export * from './lib/shell/app-shell';
// forms and dialogs
export * from './lib/forms/field-errors';
export * from './lib/components/error-summary/error-summary';
export * from './lib/components/dialog/modal-dialog';
// labels of roles (types only from the contracts: keeps zod out of the initial bundle)
export * from './lib/labels/roles';
export * from './lib/labels/audit';
export * from './lib/components/audit-log-table/audit-log-table';
export * from './lib/components/export-list/export-list';
