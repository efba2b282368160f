#!/usr/bin/env python3
"""Makes the CJK font the A4 PDFs embed (issue #4): assets/fonts/NotoSansSC-Regular-subset.otf.

Why a subset: Debian's Noto Sans CJK collection is ~20 MB per weight (five regions, 65 535
glyphs). The kiosk prints Simplified Chinese only, so this takes the SC face of the
collection and keeps:
  - every character of GB2312 (6763 hanzi plus its punctuation, full-width forms, kana,
    Greek, Cyrillic, box drawing and pinyin letters),
  - printable ASCII, General Punctuation, CJK Symbols and Punctuation, Half/Full-width Forms,
    Geometric Shapes (the □ checkbox), Number Forms, Enclosed Alphanumerics (① …),
  - every character of assets/catalogue/catalogue.json and of the PDF templates in
    electron/services/documents/ (rarer hanzi in item names, e.g. 赣 or 堃, when they occur).
pdfkit subsets the file again per document, so each PDF carries only the glyphs it uses.
What makes those glyphs small (a guide with ~450 distinct characters must stay under 60 KB):
  - no hinting and no OpenType layout (print resolution needs no hints; CJK needs no shaping),
  - no subroutines: fontkit keeps a subset's subroutine INDEX at full length, and every glyph
    it embeds must then carry the subroutines it calls,
  - 200 units per em instead of 1000, outlines rounded in absolute coordinates (no drift):
    most CFF coordinate deltas then fit in one byte instead of two (−20 % of glyph bytes).
    1/200 em of an 18 pt title is 0.03 mm, finer than one dot of a 600 dpi printer.
There is no bold face: a second glyph set would add ~13 KB to every guide, so headings are
emboldened by stroking the regular outlines (electron/services/documents/pdf-layout.ts).

Re-run it whenever the catalogue gains characters (the guide PDF test fails on a .notdef box):
    apt-get install -y fonts-noto-cjk python3-fonttools   # Debian 12
    /usr/bin/python3 scripts/make-pdf-font.py [--source-dir /usr/share/fonts/opentype/noto]
It is deterministic: the same inputs give the same bytes (fixed head.modified, no timestamps),
so re-running without catalogue changes leaves git clean. About 15 s.
Also writes assets/fonts/OFL.txt (the SIL Open Font License with the font's copyright line),
which must travel with the font files (OFL §2).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.recordingPen import RecordingPen
from fontTools.pens.roundingPen import RoundingPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.scaleUpem import scale_upem

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "assets" / "fonts"
CATALOGUE = ROOT / "assets" / "catalogue" / "catalogue.json"
TEMPLATES_DIR = ROOT / "electron" / "services" / "documents"
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")

SOURCE_COLLECTION = "NotoSansCJK-Regular.ttc"
SOURCE_FACE = "NotoSansCJKsc-Regular"
OUT_FILE = OUT_DIR / "NotoSansSC-Regular-subset.otf"
FAMILY = "Noto Sans SC Kiosk Subset"
UNITS_PER_EM = 200

# Unicode blocks kept whole (inclusive ranges).
BLOCKS = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 (×, ·, °, ±, ü in pinyin …)
    (0x2010, 0x2027),  # General Punctuation: dashes, quotes, …
    (0x2030, 0x203B),  # ‰ ′ ″ ※
    (0x2100, 0x2199),  # Letterlike, Number Forms, Arrows (℃ № Ⅱ →)
    (0x2460, 0x24FF),  # Enclosed Alphanumerics (① …)
    (0x2500, 0x257F),  # Box Drawing
    (0x25A0, 0x25FF),  # Geometric Shapes (□ ■ ○ ●)
    (0x2600, 0x2613),  # ☐ ☑ ☒ …
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Half-width and Full-width Forms
]

# A fixed modification date (2024-01-01) so re-runs are byte-identical.
FIXED_MODIFIED = 3787228800


def gb2312_characters() -> set[str]:
    """Every character GB2312 encodes: rows 0xA1–0xF7, cells 0xA1–0xFE."""
    chars: set[str] = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def text_characters(text: str) -> set[str]:
    return {ch for ch in text if ord(ch) >= 0x20}


def wanted_characters() -> tuple[set[str], set[str], list[str]]:
    """(characters that must be in the font, characters kept when the font has them, sources)."""
    chars = gb2312_characters()
    optional: set[str] = set()
    for start, end in BLOCKS:
        optional.update(chr(cp) for cp in range(start, end + 1))
    sources: list[str] = []
    if CATALOGUE.exists():
        data = json.loads(CATALOGUE.read_text("utf-8"))
        chars |= text_characters(json.dumps(data, ensure_ascii=False))
        sources.append(str(CATALOGUE.relative_to(ROOT)))
    else:
        print(f"note: {CATALOGUE.relative_to(ROOT)} not found; GB2312 and the blocks only", file=sys.stderr)
    if TEMPLATES_DIR.is_dir():
        for file in sorted(TEMPLATES_DIR.glob("*.ts")):
            chars |= text_characters(file.read_text("utf-8"))
            sources.append(str(file.relative_to(ROOT)))
    return chars, optional - chars, sources


def open_face(path: Path, postscript_name: str) -> TTFont:
    collection = TTCollection(str(path))
    for font in collection.fonts:
        if font["name"].getDebugName(6) == postscript_name:
            return font
    raise SystemExit(f"{postscript_name} not found in {path}")


def rename(font: TTFont) -> None:
    """A modified font gets its own name (OFL §3 and so viewers never confuse it with the full one)."""
    postscript = "NotoSansSCKioskSubset-Regular"
    names = {1: FAMILY, 2: "Regular", 3: f"{postscript};subset of {SOURCE_FACE}", 4: f"{FAMILY} Regular", 6: postscript}
    table = font["name"]
    table.names = [record for record in table.names if record.nameID not in names]
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
    cff = font["CFF "].cff
    top = cff[cff.fontNames[0]]
    cff.fontNames = [postscript]
    if hasattr(top, "FullName"):
        top.FullName = f"{FAMILY} Regular"
    if hasattr(top, "FamilyName"):
        top.FamilyName = FAMILY


def rescale(font: TTFont, units_per_em: int) -> None:
    """Scales to `units_per_em`, rounding each outline point in absolute coordinates.

    fontTools' scale_upem scales and rounds every relative delta of a charstring on its own,
    so rounding errors add up along a contour; the outlines are therefore redrawn here from
    the original absolute points. CID-keyed CFF keeps the scale in each FDArray FontMatrix
    (the top one is identity), as Adobe's tools write it: fontkit copies the FD dicts into
    its subsets but drops a top-level FontMatrix, and without one viewers assume 1/1000.
    """
    factor = units_per_em / font["head"].unitsPerEm
    glyph_set = font.getGlyphSet()
    outlines = {}
    for name in font.getGlyphOrder():
        pen = RecordingPen()
        glyph_set[name].draw(pen)
        outlines[name] = pen
    scale_upem(font, units_per_em)  # metrics tables; its charstrings are replaced below
    cff = font["CFF "].cff
    top = cff[cff.fontNames[0]]
    for name, outline in outlines.items():
        charstring = top.CharStrings[name]
        pen = T2CharStringPen(None, None)
        outline.replay(RoundingPen(TransformPen(pen, (factor, 0, 0, factor, 0, 0))))
        charstring.program = pen.getCharString(private=charstring.private, globalSubrs=charstring.globalSubrs).program
        charstring.bytecode = None
    top.FontMatrix = [1, 0, 0, 1, 0, 0]
    for font_dict in top.FDArray:
        font_dict.FontMatrix = [1 / units_per_em, 0, 0, 1 / units_per_em, 0, 0]


def make_font(source_dir: Path, chars: set[str], optional: set[str]) -> Path:
    font = open_face(source_dir / SOURCE_COLLECTION, SOURCE_FACE)
    cmap = font.getBestCmap()
    missing = sorted(ch for ch in chars if ord(ch) not in cmap)
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True  # a visible box, so a missing glyph is noticed on paper
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.drop_tables += ["vhea", "vmtx", "VORG", "DSIG", "GSUB", "GPOS", "BASE", "JSTF"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in chars | optional])
    subsetter.subset(font)
    rescale(font, UNITS_PER_EM)
    rename(font)
    font.recalcTimestamp = False  # else save() stamps the current time into head.modified
    font["head"].modified = FIXED_MODIFIED
    font["head"].created = FIXED_MODIFIED
    font.save(str(OUT_FILE))
    shown = "".join(ch for ch in missing if not ch.isspace())[:80]
    print(f"{OUT_FILE.relative_to(ROOT)}: {OUT_FILE.stat().st_size / 1024 / 1024:.2f} MB, "
          f"{len(font.getGlyphOrder())} glyphs" + (f"; NOT IN THE SOURCE FONT: {shown}" if missing else ""))
    return OUT_FILE


def licence_text(font_file: Path) -> str:
    """OFL 1.1 with the font's own copyright line, taken from Debian's copyright file."""
    copyright_line = TTFont(str(font_file))["name"].getDebugName(0) or "© 2014-2021 Adobe (http://www.adobe.com/)."
    debian = DEBIAN_COPYRIGHT.read_text("utf-8")
    match = re.search(r"^License: SIL-1\.1\n((?: .*\n)+)", debian, re.MULTILINE)
    if match is None:
        raise SystemExit(f"SIL-1.1 licence text not found in {DEBIAN_COPYRIGHT}")
    body = "".join("\n" if line == " ." else f"{line[1:]}\n" for line in match.group(1).splitlines())
    header = (
        f"{copyright_line} With Reserved Font Name 'Source'.\n"
        "Noto Sans CJK: https://github.com/notofonts/noto-cjk\n"
        "NotoSansSC-Regular-subset.otf is a modified version (Simplified Chinese face, character\n"
        "subset, no hinting, layout tables or subroutines, 200 units per em) made by\n"
        "scripts/make-pdf-font.py from Debian fonts-noto-cjk.\n\n"
    )
    return header + body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path, default=Path("/usr/share/fonts/opentype/noto"))
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    chars, optional, sources = wanted_characters()
    print(f"{len(chars)} characters required (GB2312{', ' + ', '.join(sources) if sources else ''}), "
          f"{len(optional)} more kept where the font has them")
    written = make_font(args.source_dir, chars, optional)
    (OUT_DIR / "OFL.txt").write_text(licence_text(written), "utf-8")


if __name__ == "__main__":
    main()
