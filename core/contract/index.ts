/**
 * The one typed channel between the pane and the proxy: every route (routes.ts) and the schemas of its
 * requests and answers. Both sides parse with these schemas; the types are inferred from them.
 */
export * from './common';
export * from './formulas';
export * from './mappings';
export * from './pulls';
export * from './reports';
export * from './routes';
export * from './schedules';
