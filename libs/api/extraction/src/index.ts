export * from './lib/extraction.module';
export * from './lib/extraction.handler';
export * from './lib/text-extractor';
export * from './lib/limited-process';
