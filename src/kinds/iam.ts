// The IAM types moved into ./kind.ts (beside DeclaredScope, which they use): kind.ts ↔ iam.ts was an
// import cycle. Kinds keep importing them from here.
export type { ArnScopedStatement, IamCondition, IamScope, KindIam } from './kind';
