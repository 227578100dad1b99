import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The engine is pure, deterministic TypeScript: same scenario and seed, same trace, in Node and in
 * the browser. This test reads every engine source file (tests and the src/engine/test harness
 * excepted) and fails, naming file and line, on anything that breaks that: UI libraries, Node
 * built-ins, imports from outside src/engine, host globals (DOM, timers) and hidden inputs (wall
 * clock, unseeded randomness). ESLint checks the same rules; this test does not depend on the
 * linter's configuration, and it is what `npm test` runs.
 */

const ENGINE_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_DIR = resolve(ENGINE_DIR, '..', '..');

const FORBIDDEN_PACKAGES = [
  'react',
  'react-dom',
  'zustand',
  'xstate',
  '@xstate/react',
  '@xyflow/react',
  'recharts',
];
/** Packages the engine may use. Adding one is a deliberate decision: it must work in a worker and in Node. */
const ALLOWED_PACKAGES = ['zod', 'jsonc-parser'];
/** Host globals the engine must not touch, as bare references or as `window.x`. */
const HOST_GLOBALS = new Set([
  'window',
  'document',
  'self',
  'navigator',
  'localStorage',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'requestAnimationFrame',
  'queueMicrotask',
  'process',
]);
/** `object.property` reads that are hidden inputs. */
const HIDDEN_INPUTS: Record<string, string[]> = {
  Math: ['random'],
  Date: ['now'],
  performance: ['now'],
  crypto: ['getRandomValues', 'randomUUID'],
  globalThis: [...HOST_GLOBALS, 'performance', 'crypto'],
};

interface Violation {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Why an import is not allowed in the engine, or undefined when it is fine. */
function checkImport(fileName: string, specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = resolve(dirname(fileName), specifier);
    const inside = target === ENGINE_DIR || target.startsWith(ENGINE_DIR + sep);
    return inside ? undefined : `imports '${specifier}', which is outside src/engine`;
  }
  const name = packageName(specifier);
  if (FORBIDDEN_PACKAGES.includes(name)) return `imports '${specifier}' (a UI library)`;
  if (specifier.startsWith('node:') || isBuiltin(specifier))
    return `imports '${specifier}' (a Node built-in)`;
  if (!ALLOWED_PACKAGES.includes(name))
    return `imports '${specifier}', which is not on the engine's allow-list`;
  return undefined;
}

function moduleSpecifierOf(node: ts.Node): ts.Expression | undefined {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return node.moduleSpecifier;
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    return node.moduleReference.expression;
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) return node.argument.literal;
  if (ts.isCallExpression(node)) {
    const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
    const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
    if (isDynamicImport || isRequire) return node.arguments[0];
  }
  return undefined;
}

/** Whether an identifier is a name being declared or a member name, rather than a read of a global. */
function isNameNotReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === id;
  if (ts.isQualifiedName(parent)) return parent.right === id;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return true;
  const named = parent as ts.Node & { name?: ts.Node };
  return named.name === id && !ts.isShorthandPropertyAssignment(parent);
}

/** Names the file declares itself (a local `document` is not the DOM's). */
function declaredNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    const named = node as ts.Node & { name?: ts.Node };
    const declares =
      ts.isVariableDeclaration(node) ||
      ts.isParameter(node) ||
      ts.isFunctionDeclaration(node) ||
      ts.isClassDeclaration(node) ||
      ts.isBindingElement(node) ||
      ts.isImportClause(node) ||
      ts.isImportSpecifier(node) ||
      ts.isNamespaceImport(node);
    if (declares && named.name && ts.isIdentifier(named.name)) names.add(named.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** Scans one engine source text: every import and every read of a host global or hidden input. */
function scanSource(fileName: string, text: string): Violation[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const local = declaredNames(source);
  const file = relative(REPO_DIR, fileName).split(sep).join('/');
  const found: Violation[] = [];
  const report = (node: ts.Node, what: string): void => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push({ file, line: line + 1, what });
  };

  const visit = (node: ts.Node): void => {
    const specifier = moduleSpecifierOf(node);
    if (specifier && ts.isStringLiteralLike(specifier)) {
      const problem = checkImport(fileName, specifier.text);
      if (problem) report(node, problem);
    }
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const object = node.expression.text;
      const banned = HIDDEN_INPUTS[object];
      if (banned?.includes(node.name.text) && !local.has(object))
        report(node, `uses ${object}.${node.name.text}`);
    }
    if (
      ts.isIdentifier(node) &&
      HOST_GLOBALS.has(node.text) &&
      !local.has(node.text) &&
      !isNameNotReference(node)
    ) {
      report(node, `uses the host global '${node.text}'`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isTestFile(path: string): boolean {
  const rel = relative(ENGINE_DIR, path).split(sep).join('/');
  return /\.test\.tsx?$/.test(rel) || rel.startsWith('test/');
}

function engineSourceFiles(dir: string = ENGINE_DIR): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...engineSourceFiles(path));
    else if (/\.(ts|tsx|js|mjs|cjs|jsx)$/.test(entry.name) && !isTestFile(path)) files.push(path);
  }
  return files.sort();
}

const format = (v: Violation): string => `${v.file}:${v.line}: ${v.what}`;

describe('engine purity', () => {
  it('finds the engine sources', () => {
    const files = engineSourceFiles().map((f) => relative(ENGINE_DIR, f));
    expect(files).toContain('index.ts');
    expect(files.length).toBeGreaterThan(10);
  });

  it('engine sources are TypeScript (.ts) only', () => {
    const others = engineSourceFiles().filter((f) => !f.endsWith('.ts'));
    expect(others.map((f) => relative(REPO_DIR, f))).toEqual([]);
  });

  it('no engine file imports UI libraries, Node built-ins or code outside src/engine, or reads host globals', () => {
    const violations = engineSourceFiles().flatMap((f) => scanSource(f, readFileSync(f, 'utf8')));
    expect(violations.map(format)).toEqual([]);
  });

  it("the engine's tsconfig has no DOM or WebWorker lib and no Node types", () => {
    const path = join(ENGINE_DIR, 'tsconfig.json');
    const { config, error } = ts.readConfigFile(path, ts.sys.readFile);
    expect(error).toBeUndefined();
    const options =
      (config as { compilerOptions?: { lib?: string[]; types?: string[] } }).compilerOptions ?? {};
    expect(options.lib, 'compilerOptions.lib must be explicit (the default includes DOM)').toBeDefined();
    const hostLibs = (options.lib ?? []).filter((lib) => /^(dom|webworker)/i.test(lib));
    expect(hostLibs).toEqual([]);
    expect(
      options.types,
      'compilerOptions.types must be explicit (the default loads @types/node)',
    ).toBeDefined();
    expect(options.types ?? []).not.toContain('node');
  });

  describe('self-check: the scanner can fail', () => {
    const at = (name: string): string => join(ENGINE_DIR, 'core', name);

    it('flags a synthetic impure file, with lines', () => {
      const bad = [
        "import { useState } from 'react';",
        "import type { StoreApi } from 'zustand/vanilla';",
        "import { Panel } from '../../ui/Panel.ts';",
        "import { readFileSync } from 'node:fs';",
        "export { x } from 'lodash';",
        'const r = Math.random() + Date.now() + performance.now();',
        'setTimeout(() => undefined, 10);',
        "window.addEventListener('x', () => {});",
        'const t = document.title;',
        'requestAnimationFrame(() => {});',
        'const i = setInterval(() => {}, 1);',
        "const d = await import('@xyflow/react');",
      ].join('\n');
      expect(scanSource(at('bad.ts'), bad).map((v) => `${v.line}: ${v.what}`)).toEqual([
        "1: imports 'react' (a UI library)",
        "2: imports 'zustand/vanilla' (a UI library)",
        "3: imports '../../ui/Panel.ts', which is outside src/engine",
        "4: imports 'node:fs' (a Node built-in)",
        "5: imports 'lodash', which is not on the engine's allow-list",
        '6: uses Math.random',
        '6: uses Date.now',
        '6: uses performance.now',
        "7: uses the host global 'setTimeout'",
        "8: uses the host global 'window'",
        "9: uses the host global 'document'",
        "10: uses the host global 'requestAnimationFrame'",
        "11: uses the host global 'setInterval'",
        "12: imports '@xyflow/react' (a UI library)",
      ]);
    });

    it('accepts comments, strings, member names and imports inside the engine', () => {
      const clean = [
        "import { z } from 'zod';",
        "import { Rng } from '../core/rng.ts';",
        "import type { Scenario } from '../model/types.ts';",
        '// never Math.random or Date.now here; window.document is for the UI',
        "const message = 'window.alert(Date.now())';",
        'const windows = [1, 2];',
        'class Timers { setTimeout(): void {} now(): number { return this.setTimeout.length; } }',
        'const o = { setInterval: 1, document: 2 };',
        'export { z, Rng, message, windows, Timers, o };',
        'export type { Scenario };',
      ].join('\n');
      expect(scanSource(at('clean.ts'), clean)).toEqual([]);
    });
  });
});
