/**
 * Props equality for memo'd parts of the panel fed with plain data: every frame brings new objects,
 * mostly equal to the last ones. Comparing their JSON is far cheaper than redrawing tables and trees.
 */
export function sameData<P extends object>(a: Readonly<P>, b: Readonly<P>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
