// No global state: each page demonstrates on its own.
App({});
