// The esbuild options every bundle of the project uses (scripts/build.mjs and the tests' bundles).
export const BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};
