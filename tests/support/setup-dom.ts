// Component tests: how long a findBy… waits for what a user would wait for. The library's default
// is 1 s; on a loaded two-core CI machine a screen's answer from the fake server once took longer
// (organiser-language.test.tsx, a wrong password's alert, 2 December 2026). A test that passes
// does not wait any longer for this; one that fails takes up to 5 s to say so.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5_000 });
