// The mocha globals the browser tests use (web-test-runner runs mocha in the page); just enough types
// for `npm run typecheck`, as no @types/mocha is installed.
interface MochaContext {
  timeout(ms: number): void;
  skip(): never;
}
type MochaDone = (error?: unknown) => void;
type MochaTest = (this: MochaContext, done: MochaDone) => void | Promise<unknown>;
declare function describe(title: string, body: (this: MochaContext) => void): void;
declare function it(title: string, test?: MochaTest): void;
declare function before(hook: MochaTest): void;
declare function after(hook: MochaTest): void;
declare function beforeEach(hook: MochaTest): void;
declare function afterEach(hook: MochaTest): void;
