/** Frame geometry of GA 467 SAM_V frames (shared/protocols.md §1.2). */

/** Frame preamble `AA AA AA 96 69` (§1.2). */
export const PREAMBLE: Readonly<Uint8Array> = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
export const PREAMBLE_LENGTH = 5;
/** Preamble + the 2-byte LEN field: bytes needed before the frame length is known. */
export const HEADER_LENGTH = 7;
/** Largest LEN a parser accepts (§1.2): 0x0A00 = 2560, enough for text+photo+2 fingerprints. */
export const MAX_LEN = 0x0a00;
/** Largest whole frame on the wire, preamble and LEN included: 2567 bytes. */
export const MAX_FRAME_BYTES = HEADER_LENGTH + MAX_LEN;
/** Smallest LEN of a response: SW1 SW2 SW3 CHK (§1.2 "reject LEN<4"). */
export const MIN_RESPONSE_LEN = 4;
/** Smallest LEN of a request: CMD PARA CHK (§1.2 "request without data: LEN=3"). */
export const MIN_REQUEST_LEN = 3;
