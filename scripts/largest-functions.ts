// Lists the largest functions of electron/ and shared/ by line count, to find closures worth splitting.
// npx tsx scripts/largest-functions.ts [count] [folder ...]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const [countArg, ...folderArgs] = process.argv.slice(2);
const count = Number(countArg ?? 10);
const folders = folderArgs.length > 0 ? folderArgs : ['electron', 'shared'];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) {
      return sourceFiles(file);
    }
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [file] : [];
  });
}

function functionName(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) {
    return node.name.getText();
  }
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) {
    return parent.name.getText();
  }
  return '(anonymous)';
}

interface FunctionSize {
  readonly name: string;
  readonly file: string;
  readonly lines: number;
}

const sizes: FunctionSize[] = [];
for (const file of folders.flatMap(sourceFiles)) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      sizes.push({ name: functionName(node), file: file.split(path.sep).join('/'), lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

sizes.sort((a, b) => b.lines - a.lines);
for (const size of sizes.slice(0, count)) {
  console.log(`${String(size.lines).padStart(5)}  ${size.name}  ${size.file}`);
}
