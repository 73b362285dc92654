/** Every enumeration of the contract, with its French and English labels: `import { KINDS, KIND_LABELS } from '../domain/enums/index.ts'`. */
export * from './language.ts';
export * from './missions.ts';
export * from './sessions.ts';
export * from './people.ts';
