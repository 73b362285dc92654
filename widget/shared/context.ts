import { createContext } from '@lit/context';
import type { FreskClient } from './client.ts';

/** The API client, provided once by `<fresk-token>` or by the outermost Fresk element. */
export const freskClientContext = createContext<FreskClient | undefined>(Symbol('fresk-client'));
