// ejs 6 ships no type declarations; this is the one function the renderer uses.
declare module 'ejs' {
  export interface Options {
    filename?: string;
    strict?: boolean;
  }
  export function render(template: string, data?: Record<string, unknown>, options?: Options): string;
  const ejs: { render: typeof render };
  export default ejs;
}
