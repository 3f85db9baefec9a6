import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { filesBelow, type WorkspacePackage } from './repository.js';

/** TSDoc read from the sources: what the runtime objects (schemas, backends) cannot carry. */
export interface SourceComments {
  /** `<package>:<export>` → the TSDoc of an exported constant (`@jq/slurm:slurmBackend`). */
  exports: Map<string, string>;
  /** `<package>:<export>` → property name → TSDoc, for every exported `Type.Object({ … })`. */
  schemaProperties: Map<string, Map<string, string>>;
  /** `<package>:<Interface>.<member>` → TSDoc, for every member of an exported interface. */
  interfaceMembers: Map<string, string>;
}

/** Parses (without type-checking: fast) every source file of `packages` and collects their TSDoc. */
export function readSourceComments(packages: readonly WorkspacePackage[]): SourceComments {
  const comments: SourceComments = { exports: new Map(), schemaProperties: new Map(), interfaceMembers: new Map() };
  for (const workspacePackage of packages) {
    for (const file of filesBelow(`${workspacePackage.directory}/src`, (path) => path.endsWith('.ts'))) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      for (const statement of source.statements) collect(statement, workspacePackage.name, comments);
    }
  }
  return comments;
}

function collect(statement: ts.Statement, packageName: string, comments: SourceComments): void {
  if (!ts.canHaveModifiers(statement) || !ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return;
  if (ts.isInterfaceDeclaration(statement)) {
    for (const member of statement.members) {
      const text = member.name === undefined ? undefined : commentOf(member);
      if (text !== undefined) comments.interfaceMembers.set(`${packageName}:${statement.name.text}.${member.name!.getText()}`, text);
    }
    return;
  }
  if (!ts.isVariableStatement(statement)) return;
  for (const declaration of statement.declarationList.declarations) {
    if (!ts.isIdentifier(declaration.name)) continue;
    const key = `${packageName}:${declaration.name.text}`;
    const text = commentOf(statement);
    if (text !== undefined) comments.exports.set(key, text);
    const properties = typeObjectProperties(declaration.initializer);
    if (properties !== undefined) comments.schemaProperties.set(key, properties);
  }
}

/** The properties' TSDoc of a `Type.Object({ … }, …)` call, or undefined for anything else. */
function typeObjectProperties(initializer: ts.Expression | undefined): Map<string, string> | undefined {
  if (initializer === undefined || !ts.isCallExpression(initializer)) return undefined;
  if (initializer.expression.getText() !== 'Type.Object') return undefined;
  const literal = initializer.arguments[0];
  if (literal === undefined || !ts.isObjectLiteralExpression(literal)) return undefined;
  const properties = new Map<string, string>();
  for (const property of literal.properties) {
    if (!ts.isPropertyAssignment(property) || property.name === undefined) continue;
    const text = commentOf(property);
    if (text !== undefined) properties.set(property.name.getText().replace(/^['"]|['"]$/g, ''), text);
  }
  return properties;
}

/** The main text of a node's TSDoc (tags such as `@example` left out), `{@link X}` as code. */
function commentOf(node: ts.Node): string | undefined {
  const documentation = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).at(-1);
  if (documentation?.comment === undefined) return undefined;
  const text = ts.getTextOfJSDocComment(documentation.comment)?.trim();
  return text === undefined || text === '' ? undefined : text.replace(/\{@link\s+([^}|\s]+)(?:\s*\|\s*[^}]*)?\}/g, '`$1`');
}
