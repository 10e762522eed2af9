// Unit tests get a real (in-memory) IndexedDB; component tests also get DOM matchers.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
