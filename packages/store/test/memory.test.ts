import { createMemoryAdapter } from '@gds/store/memory';
import { storeContract } from './_contract.js';

storeContract('memory', { create: async () => createMemoryAdapter() });
