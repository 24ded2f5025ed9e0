export { officeRoutes } from './lib/office.routes';
// files: upload with progress and the file list, for the paper and meeting editors
export { FileUpload } from './lib/components/files/file-upload';
export { OwnerFileList } from './lib/components/files/file-list';
export { fileErrorMessage, formatSize as formatFileSize } from './lib/components/files/file-messages';
