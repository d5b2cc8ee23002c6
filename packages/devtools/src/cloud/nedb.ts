/**
 * NeDB (@seald-io/nedb) as an ES module. The package is CommonJS (`module.exports = Datastore`) but
 * its typings declare `export default`, so under NodeNext the default import is typed as the module
 * object; this is the one place that bridges the two.
 */
import nedbModule from '@seald-io/nedb';

type NedbClass = typeof nedbModule.default;
export type Datastore = InstanceType<NedbClass>;
export const Datastore = nedbModule as unknown as NedbClass;
