/**
 * The wire contract's plain values (limits, codes, names), with no dependency at all: browser code
 * imports them from here so it does not pull the zod schemas of `@supchat/contracts` into its bundle.
 * `@supchat/contracts` re-exports everything.
 */
export * from './lib/enums';
export * from './lib/limits';
