import type { BuildOptions } from 'esbuild';

/** The esbuild options every bundle of the project uses. */
export declare const BUILD_OPTIONS: BuildOptions;
