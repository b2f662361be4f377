/**
 * The page side of the fake Office.js: bundled into one classic script and answered in place of office.js, it
 * builds the fake from the config the test put before it and installs it as `Office`, with the fake's handle as
 * `__fakeOffice` for the test to drive (fire a launch event, change a recipient line) and read back.
 */
import { createFakeOffice, type FakeOfficeConfig } from '../../../support/fake-office/fake-office.js';

const scope = globalThis as unknown as {
  __fakeOfficeConfig: FakeOfficeConfig;
  __fakeOffice: ReturnType<typeof createFakeOffice>;
  Office: unknown;
};
const fake = createFakeOffice(scope.__fakeOfficeConfig);
scope.__fakeOffice = fake;
scope.Office = fake.office;
