export * from './public-rules';
export * from './rows';
export * from './sources';
export * from './free-text-location';
export * from './file-content.controller';
export * from './oparl-content.module';
