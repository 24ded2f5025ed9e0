export * from './lib/files.module';
export * from './lib/file-storage';
export * from './lib/files.repository';
export * from './lib/files.service';
export * from './lib/file-visibility';
export * from './lib/orphan-blob-sweeper';
export { contentEtag } from './lib/file-download';
export { safeFileName } from './lib/upload-receiver';
