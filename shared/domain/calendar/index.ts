export * from './dates';
export * from './holiday-data';
export * from './working-day-calendar';
