/**
 * The simulated document camera as the running kiosk uses it (dev panel, e2e tests): each
 * placement lays the chosen document on the stage at a fresh, plausible pose — turned a few
 * degrees, a little off centre, the size a real A4 page or card has under a 5 MP 高拍仪.
 */
import { SimulatedDocumentCamera } from '../../../hardware/simulators/document-camera/simulated-document-camera.js';
import { maxFittingScale } from '../../../hardware/simulators/document-camera/sample-set.js';
import type { SceneSpec } from '../../../hardware/simulators/document-camera/scene.js';
import type { CaptureSource } from '../../../hardware/devices/document-capture/capture-source.js';
import type { SimulatedDocumentKind, SimulatedDocumentVariant } from '../../ipc/contract.js';
import type { DocumentStage } from './capture-handlers.js';

/** Page area as a share of the frame: an A4 page and a card as they lie under a 5 MP camera. */
const STAGE_SCALE: Readonly<Record<Exclude<SimulatedDocumentKind, 'none'>, number>> = {
  a4Text: 0.5,
  a4Qr: 0.5,
  idCardFront: 0.11,
  idCardBack: 0.11,
};

/** The pose of the `n`th placement: deterministic, so a run can be repeated. */
export function stageSpec(document: Exclude<SimulatedDocumentKind, 'none'>, variant: SimulatedDocumentVariant, n: number): SceneSpec {
  const turn = ((n * 7) % 11) - 5; // −5…5°
  const pose: SceneSpec = { kind: document, seed: 1000 + n, variant, rotationDeg: turn, tilt: { x: 0, y: 0.02 } };
  // As large as the page would lie, but whole on the stage (a portrait A4 page nearly fills a 4:3 frame).
  const scale = Math.min(STAGE_SCALE[document], maxFittingScale(pose) * 0.97);
  return { ...pose, scale, offset: { x: ((n % 3) - 1) * 0.03, y: 0 } };
}

export function createSimulatedCamera(initial: SimulatedDocumentKind): { source: CaptureSource; stage: DocumentStage } {
  let placements = 0;
  const camera = new SimulatedDocumentCamera({ stage: initial === 'none' ? null : stageSpec(initial, 'clean', 0) });
  return {
    source: camera,
    stage: {
      place(document, variant) {
        placements += 1;
        camera.place(document === 'none' ? null : stageSpec(document, variant, placements));
      },
    },
  };
}
