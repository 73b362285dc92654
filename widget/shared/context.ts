import { createContext } from '@lit/context';
import type { FreskClient } from './client.ts';

/**
 * What `<fresk-token>` (or the outermost Fresk element) provides to the elements inside it: the API client,
 * and the token it sends, so that an element can tell "signed out" from "refused" without a failed call,
 * and read the role the token claims to show the right home (the server still decides every access).
 */
export interface FreskConnection {
  client: FreskClient;
  token?: string;
}

export const freskClientContext = createContext<FreskConnection | undefined>(Symbol('fresk-client'));
