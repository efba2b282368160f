/**
 * A QR code as SVG path data for the screen. The renderer draws `<path d=…>` itself, so it
 * never receives markup (CSP and XSS safety, R-E3).
 */
import QRCode from 'qrcode';

export interface QrPath {
  readonly path: string;
  /** Modules per side; the path lives in a `0 0 modules modules` box. */
  readonly modules: number;
}

export function qrPath(text: string): QrPath {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const data = qr.modules.data;
  let path = '';
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (data[y * size + x] === 0) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && data[y * size + x] !== 0) x++;
      path += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  }
  return { path, modules: size };
}
