export * from './dates';
export * from './holiday-data';
export * from './working-day-calendar';
export * from './provisional-year';
export * from './notice-parser';
