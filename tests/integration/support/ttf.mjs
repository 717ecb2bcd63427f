// Just enough of the TrueType format to check a font really draws a
// character: the cmap (formats 4 and 12) maps it to a glyph, and that glyph
// has an outline in glyf (an empty glyph would render as nothing).
function tables(buf) {
  const count = buf.readUInt16BE(4);
  const out = {};
  for (let i = 0; i < count; i++) {
    const rec = 12 + i * 16;
    out[buf.toString('latin1', rec, rec + 4)] = { offset: buf.readUInt32BE(rec + 8), length: buf.readUInt32BE(rec + 12) };
  }
  return out;
}

// The glyph id a font's Unicode cmap gives `cp`, 0 when none.
export function glyphId(buf, cp) {
  const t = tables(buf);
  if (!t.cmap) throw new Error('no cmap table');
  const cmap = t.cmap.offset;
  const n = buf.readUInt16BE(cmap + 2);
  for (let i = 0; i < n; i++) {
    const sub = cmap + buf.readUInt32BE(cmap + 4 + i * 8 + 4);
    const format = buf.readUInt16BE(sub);
    if (format === 12) {
      const groups = buf.readUInt32BE(sub + 12);
      for (let g = 0; g < groups; g++) {
        const p = sub + 16 + g * 12;
        const start = buf.readUInt32BE(p), end = buf.readUInt32BE(p + 4);
        if (cp >= start && cp <= end) return buf.readUInt32BE(p + 8) + (cp - start);
      }
      return 0;
    }
    if (format === 4 && cp <= 0xffff) {
      const segs = buf.readUInt16BE(sub + 6) / 2;
      const ends = sub + 14, starts = ends + segs * 2 + 2, deltas = starts + segs * 2, offsets = deltas + segs * 2;
      for (let s = 0; s < segs; s++) {
        if (cp > buf.readUInt16BE(ends + s * 2)) continue;
        const start = buf.readUInt16BE(starts + s * 2);
        if (cp < start) return 0;
        const delta = buf.readInt16BE(deltas + s * 2), ro = buf.readUInt16BE(offsets + s * 2);
        if (ro === 0) return (cp + delta) & 0xffff;
        const g = buf.readUInt16BE(offsets + s * 2 + ro + (cp - start) * 2);
        return g === 0 ? 0 : (g + delta) & 0xffff;
      }
      return 0;
    }
  }
  return 0;
}

// Bytes of glyph `gid`'s outline in glyf (0: an empty glyph).
export function outlineBytes(buf, gid) {
  const t = tables(buf);
  const longLoca = buf.readInt16BE(t.head.offset + 50) === 1;
  const at = (i) => (longLoca ? buf.readUInt32BE(t.loca.offset + i * 4) : buf.readUInt16BE(t.loca.offset + i * 2) * 2);
  return at(gid + 1) - at(gid);
}

export function tableTags(buf) { return Object.keys(tables(buf)).sort(); }
