import type { ReactNode } from 'react';
import type { EvaluationLevel } from '../../electron/ipc/contract';
import { LineArt } from './icons';

/**
 * A simple face per evaluation level (5 非常满意 … 1 非常不满意): the mouth turns from a
 * broad smile to a deep frown and the brows tilt, so the level reads without colour (the
 * colour in services.css is a second cue, and the label a third). Hidden from screen
 * readers: the button's text says it.
 */
const MOUTHS: Readonly<Record<EvaluationLevel, string>> = {
  5: 'M14 27c3 8 17 8 20 0z',
  4: 'M15 28c4 6 14 6 18 0',
  3: 'M16 31h16',
  2: 'M16 33c4-5 12-5 16 0',
  1: 'M14 35c4-8 16-8 20 0',
};

const BROWS: Partial<Record<EvaluationLevel, string>> = {
  2: 'M14 16l6 1M34 16l-6 1',
  1: 'M13 14l7 3M35 14l-7 3',
};

export interface FaceIconProps {
  readonly level: EvaluationLevel;
  readonly className?: string;
}

export function FaceIcon({ level, className }: FaceIconProps): ReactNode {
  const brows = BROWS[level];
  return (
    <LineArt className={`face face--${level}${className ? ` ${className}` : ''}`}>
      <circle className="face__head" cx="24" cy="24" r="20" />
      <circle className="face__eye" cx="17" cy="20" r="2" fill="currentColor" />
      <circle className="face__eye" cx="31" cy="20" r="2" fill="currentColor" />
      {brows ? <path d={brows} /> : null}
      <path className="face__mouth" d={MOUTHS[level]} fill={level === 5 ? 'currentColor' : 'none'} />
    </LineArt>
  );
}
