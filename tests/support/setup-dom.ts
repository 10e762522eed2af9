// Component tests: how long a findBy… waits for what a user would wait for. The library's default
// is 1 s, tight on a loaded two-core CI machine where a screen's answer from the fake server and a
// language's first catalogue both take longer than on a laptop. A test that passes does not wait
// any longer for this; one that fails takes up to 5 s to say so.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5_000 });
