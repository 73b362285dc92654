/** Every enumeration of the contract, with its French and English labels, by theme (one module each, so a bundle takes only the tables it shows). */
export * from './language.ts';
export * from './missions.ts';
export * from './organizations.ts';
export * from './sessions.ts';
export * from './people.ts';
export * from './attendance.ts';
export * from './registrations.ts';
export * from './desk.ts';
