#!/usr/bin/env node
// Entry point of the `parley` command. It runs the bundle of the CLI (build/out/cli/parley.mjs), which starts
// several times faster than compiling the TypeScript sources on each run; in a checkout whose sources are newer
// than the bundle (or that has none yet) it rebuilds the bundle first, which takes a fraction of a second.
// Source maps are written beside the bundle but not loaded by default (parsing them costs start-up time):
// `node --enable-source-maps electron/cli/bin.mjs …` makes stack traces name the TypeScript sources.
import { pathToFileURL } from 'node:url';
import { CLI_BUNDLE, CLI_SOURCES, buildCli } from '../scripts/build-cli.mjs';
import { isOlderThan } from '../scripts/freshness.mjs';

if (isOlderThan(CLI_BUNDLE, CLI_SOURCES)) await buildCli();
await import(pathToFileURL(CLI_BUNDLE).href);
