// Module resolve hook (see rate-limit-hook.mjs): 'express-rate-limit' imported by the original resolves to
// rate-limit-shim.mjs; the shim's own import of it resolves, from the importer's place, to the real package.
const shim = new URL('./rate-limit-shim.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier !== 'express-rate-limit' || !context.parentURL) {
    return nextResolve(specifier, context);
  }
  if (context.parentURL.startsWith(shim)) {
    const importer = new URL(context.parentURL).searchParams.get('importer');
    return nextResolve(specifier, { ...context, parentURL: importer });
  }
  return { url: `${shim}?importer=${encodeURIComponent(context.parentURL)}`, shortCircuit: true };
}
