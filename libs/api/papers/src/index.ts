export * from './lib/papers.module';
export { PaperReader, type PaperViewer, readablePapers, consultationState } from './lib/paper-reader';
