import type { JoinSide } from '../../model/elements.ts';

/** A join result's value, from its sides (one may be missing). */
export function joinValue(
  rule: 'left' | 'right' | 'sum',
  left: JoinSide | null,
  right: JoinSide | null,
): number {
  switch (rule) {
    case 'left':
      return left?.value ?? right!.value;
    case 'right':
      return right?.value ?? left!.value;
    case 'sum':
      return (left?.value ?? 0) + (right?.value ?? 0);
  }
}
