import Type, { type Static, type TObject, type TOptional, type TSchema } from 'typebox';

/** A schema that carries its default value in its type, so the resolved option type can drop the `?`. */
export type TDefaulted<T extends TSchema> = TOptional<T & { readonly default: Static<T> }>;

/**
 * An optional option with a default: users may leave it out, resolved options always
 * have it. The default is applied once, by `resolveOptions`, from the schema.
 */
export function defaulted<T extends TSchema>(schema: T, value: Static<T>): TDefaulted<T> {
  return Type.Optional({ ...schema, default: value } as T & { readonly default: Static<T> }) as TDefaulted<T>;
}

type DefaultedKeys<P> = { [K in keyof P]: P[K] extends { readonly default: unknown } ? K : never }[keyof P];

/** The options of schema `S` after defaults: every {@link defaulted} property is present. */
export type OptionsWithDefaults<S extends TObject> = Static<S> & {
  [K in DefaultedKeys<S['properties']> & keyof Static<S>]-?: Exclude<Static<S>[K], undefined>;
};
