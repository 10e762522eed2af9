/** bc-ur, loaded (see load-bc-ur.ts) before the sender and receiver modules run. */
import { loadBcUr } from './load-bc-ur.ts';

export const bcUr = await loadBcUr();
