import { loadOutletDirectory } from '../data-files.js';
import { newsStateContract } from '../test-support/news-state-contract.js';
import { createMemoryNewsState } from './news-state.js';

newsStateContract('the memory adapter', () => Promise.resolve(createMemoryNewsState(loadOutletDirectory())));
