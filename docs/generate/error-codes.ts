import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ts from 'typescript';
import { filesBelow, repositoryRoot, type WorkspacePackage } from './repository.js';

/** Where core declares the codes. */
export const errorsFile = join(repositoryRoot, 'packages', 'core', 'src', 'errors.ts');

/** One `JQ_*` code as the source declares and uses it. */
export interface ErrorCodeFacts {
  code: string;
  /** The line about it in the TSDoc list of `errors.ts` (`– options failed validation`), if any. */
  meaning: string | undefined;
  /** Classes whose constructor gives this code (`ConfigError`). */
  classes: string[];
  /** Package → source files where the code is raised or mapped. */
  usedIn: Map<string, string[]>;
}

/** The members of `type JobQueueErrorCode = 'JQ_…' | …` in core's errors.ts: the one list of codes. */
export function declaredErrorCodes(): ErrorCodeFacts[] {
  const source = parse(errorsFile);
  const alias = source.statements.find((statement): statement is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(statement) && statement.name.text === 'JobQueueErrorCode');
  if (alias === undefined || !ts.isUnionTypeNode(alias.type)) throw new Error(`[jq/docs] ${errorsFile} declares no union type JobQueueErrorCode`);
  const meanings = new Map([...source.text.matchAll(/^\s*\*\s*-\s*`(JQ_[A-Z_]+)`\s*[–-]\s*(.+)$/gm)].map((match) => [match[1]!, match[2]!.trim()]));
  return alias.type.types.map((member) => {
    if (!ts.isLiteralTypeNode(member) || !ts.isStringLiteral(member.literal)) throw new Error(`[jq/docs] JobQueueErrorCode has a member that is not a string: ${member.getText()}`);
    const code = member.literal.text;
    return { code, meaning: meanings.get(code), classes: [], usedIn: new Map() };
  });
}

/** Fills `classes` and `usedIn` from every package's sources: string literals equal to a code, outside type declarations. */
export function findErrorCodeUses(codes: ErrorCodeFacts[], packages: readonly WorkspacePackage[]): void {
  const byCode = new Map(codes.map((facts) => [facts.code, facts]));
  for (const workspacePackage of packages) {
    for (const file of filesBelow(join(workspacePackage.directory, 'src'), (path) => path.endsWith('.ts'))) {
      visit(parse(file), (node, className) => {
        const facts = byCode.get(node.text);
        if (facts === undefined) return;
        const files = facts.usedIn.get(workspacePackage.name) ?? [];
        if (!files.includes(basename(file))) facts.usedIn.set(workspacePackage.name, [...files, basename(file)]);
        if (className !== undefined && isSuperArgument(node) && !facts.classes.includes(className)) facts.classes.push(className);
      });
    }
  }
}

/** True for `super('JQ_X', …)`, also as a branch of `super(a ? 'JQ_X' : 'JQ_Y', …)`. */
function isSuperArgument(literal: ts.StringLiteral): boolean {
  let parent = literal.parent;
  while (ts.isConditionalExpression(parent) || ts.isParenthesizedExpression(parent)) parent = parent.parent;
  return ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.SuperKeyword;
}

function visit(node: ts.Node, found: (literal: ts.StringLiteral, className: string | undefined) => void, className?: string): void {
  if (ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isLiteralTypeNode(node)) return;
  const inClass = ts.isClassDeclaration(node) && node.name ? node.name.text : className;
  if (ts.isStringLiteral(node)) found(node, inClass);
  node.forEachChild((child) => visit(child, found, inClass));
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}
