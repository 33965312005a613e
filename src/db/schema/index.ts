export * from './connections.ts';
export * from './media.ts';
export * from './trailers.ts';
export * from './events.ts';
export * from './settings.ts';
export * from './processes.ts';
export * from './outbound.ts';
export * from './previews.ts';
