/**
 * Turns the configuration's capture devices into sources (design.md §4, the registry's job
 * for this device class): the document camera — simulated (Node side) or UVC (the renderer
 * opens it) — and an optional SANE or eSCL scanner. Absent camera configuration means the
 * simulated one, like every other device; a scanner is only there when configured.
 */
import { EsclScanner } from '../../../hardware/devices/document-capture/escl-scanner.js';
import { SaneScanner } from '../../../hardware/devices/document-capture/sane-scanner.js';
import type { CaptureSource } from '../../../hardware/devices/document-capture/capture-source.js';
import type { DocumentCameraTransportConfig, ScannerTransportConfig } from '../config/terminal-config.js';
import type { DocumentStage } from './capture-handlers.js';
import type { CaptureDevices } from './capture-service.js';
import { createSimulatedCamera } from './simulated-stage.js';

export interface CaptureDeviceSetup {
  readonly devices: CaptureDevices;
  /** The simulated camera's stage, or null for a real camera. */
  readonly stage: DocumentStage | null;
}

export function createCaptureDevices(
  camera: { transport: DocumentCameraTransportConfig } | undefined,
  scanner: { transport: ScannerTransportConfig } | undefined,
): CaptureDeviceSetup {
  const cameraTransport: DocumentCameraTransportConfig = camera?.transport ?? { type: 'simulated', document: 'a4Text' };
  let source: CaptureSource | null = null;
  let stage: DocumentStage | null = null;
  let streamCamera: CaptureDevices['streamCamera'] = null;
  if (cameraTransport.type === 'simulated') {
    const simulated = createSimulatedCamera(cameraTransport.document);
    source = simulated.source;
    stage = simulated.stage;
  } else {
    streamCamera = { labelHint: cameraTransport.labelHint, width: cameraTransport.width, height: cameraTransport.height };
  }
  const scannerSource = scanner === undefined ? null : createScanner(scanner.transport);
  return {
    devices: {
      camera: source,
      streamCamera,
      scanner: scannerSource,
      async close() {
        await source?.close();
        await scannerSource?.close();
      },
    },
    stage,
  };
}

function createScanner(transport: ScannerTransportConfig): CaptureSource {
  switch (transport.type) {
    case 'sane':
      return new SaneScanner({
        defaultDpi: transport.dpi,
        ...(transport.device === undefined ? {} : { device: transport.device }),
        ...(transport.source === undefined ? {} : { source: transport.source }),
      });
    case 'escl':
      return new EsclScanner({ baseUrl: transport.baseUrl, defaultDpi: transport.dpi });
  }
}
