// Emscripten JS library (linked with --js-library, wasm/CMakeLists.txt): the
// browser half of platform/browser_text.cpp (issue 15, design (b)). Strings
// the font atlas cannot draw (right-to-left, joining, reordering, combining)
// are shaped, ordered (UAX #9) and rasterised here by Canvas 2D, with the
// app's own fonts registered as FontFaces, then uploaded as WebGL textures
// that ImGui draws. The browser already carries a shaping engine (HarfBuzz)
// and the bidi algorithm; compiling them into the Wasm would cost every user
// hundreds of KB.
//
// The fonts are one stack in the atlas's order: the UI font (DejaVu Sans,
// the bytes the app fetched from /web/fonts) first, then each subset from
// /fonts/glyphs in arrival order, each under a family name of our own
// ("pd-text-0", "pd-text-1", ...) so that no page or system font stands in.
// window.profileDesk.textFont() (shell/loader.js) reads the stack, for the
// test that compares our pixels with the browser's own rendering.
//
// Written `name: function (...) {...}`, no __sig: see page.js.
// Emscripten's GL, GLctx and HEAP32, and $PD_TEXT below, are globals of app.js.
/* global PD_TEXT, GL, GLctx, HEAP32 */
mergeInto(LibraryManager.library, {
  $PD_TEXT: {
    faces: [],       // [slot] = family name, slot 0 the UI font (it may arrive after a subset)
    loading: 0,      // faces not loaded yet (test hook)
    generation: 0,   // bumped when a face finishes loading: every layout is made again
    canvas: null,
    ctx: null,
    probe: null,     // a hidden dir=auto element: the browser's own choice of base direction
    stack: function () {
      var names = [];
      for (var i = 0; i < PD_TEXT.faces.length; ++i) {
        if (PD_TEXT.faces[i]) names.push('"' + PD_TEXT.faces[i] + '"');
      }
      // Nothing loaded yet: the browser's default, until the faces arrive
      // (then the generation changes and the text is laid out again).
      return names.length ? names.join(', ') : 'sans-serif';
    },
    // dir="auto" (HTML): the first strong character decides, as UAX #9 P2-P3.
    isRtl: function (text) {
      if (!PD_TEXT.probe) {
        var p = document.createElement('span');
        p.dir = 'auto';
        p.setAttribute('aria-hidden', 'true');
        p.style.cssText = 'position:absolute;left:-10000px;top:0;visibility:hidden;white-space:pre';
        document.body.appendChild(p);
        PD_TEXT.probe = p;
      }
      PD_TEXT.probe.textContent = text;
      return getComputedStyle(PD_TEXT.probe).direction === 'rtl';
    },
    // Greedy line breaking at `width` device pixels. Break opportunities
    // come from Intl.Segmenter's words (Thai has no spaces between words):
    // after white space, or between two words; never before punctuation. A
    // word wider than the line stays whole, as ImGui's wrapping does.
    wrap: function (ctx, text, width) {
      var paragraphs = text.split('\n');
      if (!(width > 0)) return paragraphs;
      var lines = [];
      var segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'word' }) : null;
      paragraphs.forEach(function (para) {
        var pieces = segmenter ? Array.from(segmenter.segment(para)) : para.split(/(\s+)/).map(function (s) {
          return { segment: s, isWordLike: /\S/.test(s) };
        });
        var line = '';
        var prev = null;
        pieces.forEach(function (piece) {
          var s = piece.segment;
          if (s === '') return;
          var breakable = prev !== null && (/\s$/.test(prev.segment) || (prev.isWordLike && piece.isWordLike));
          if (breakable && line !== '' && !/^\s+$/.test(s) && ctx.measureText(line + s).width > width) {
            lines.push(line.replace(/\s+$/, ''));
            line = s;
          } else {
            line += s;
          }
          prev = piece;
        });
        lines.push(line.replace(/\s+$/, ''));
      });
      return lines;
    },
  },

  // A font's bytes (copied) become a FontFace of the stack: slot 0 is the UI
  // font, other slots the subsets in arrival order (`slot` -1: the next one).
  pd_js_text_add_font__deps: ['$PD_TEXT'],
  pd_js_text_add_font: function (ptr, len, is_base) {
    if (typeof FontFace === 'undefined' || !document.fonts) return;
    var slot = is_base ? 0 : Math.max(1, PD_TEXT.faces.length);
    var family = 'pd-text-' + slot;
    var bytes = HEAPU8.slice(ptr, ptr + len).buffer;
    var face = new FontFace(family, bytes);
    PD_TEXT.loading++;
    face.load().then(function () {
      document.fonts.add(face);
      PD_TEXT.faces[slot] = family;
      PD_TEXT.loading--;
      PD_TEXT.generation++;
    }, function (e) {
      PD_TEXT.loading--;
      console.warn('font not usable by the page', e);
    });
    if (!is_base) PD_TEXT.faces[slot] = PD_TEXT.faces[slot] || null;  // reserve the slot: keep arrival order
  },

  pd_js_text_generation__deps: ['$PD_TEXT'],
  pd_js_text_generation: function () {
    return PD_TEXT.generation;
  },

  // Lays out and rasterises the UTF-8 `text` at `em_px` device pixels (the
  // CSS font-size, whose line box is the atlas's line height), wrapped at
  // `wrap_px` (0: no wrapping), white on transparent, into a new texture
  // registered in GL.textures. Writes into `out` (int32 x 7): texture id
  // (0: none), layout width and height, the texture's offset from the layout
  // box (x, y: the ink reaching outside the line box, e.g. Thai marks above)
  // and its size, all in device pixels; returns 1 when the base direction is
  // right to left.
  pd_js_text_render__deps: ['$PD_TEXT', '$GL'],
  pd_js_text_render: function (text_ptr, em_px, wrap_px, out) {
    var text = UTF8ToString(text_ptr);
    HEAP32.fill(0, out >> 2, (out >> 2) + 7);
    if (!PD_TEXT.ctx) {
      PD_TEXT.canvas = document.createElement('canvas');
      PD_TEXT.ctx = PD_TEXT.canvas.getContext('2d');
    }
    var rtl = PD_TEXT.isRtl(text);
    var ctx = PD_TEXT.ctx;
    var font = em_px + 'px ' + PD_TEXT.stack();
    ctx.font = font;
    ctx.direction = rtl ? 'rtl' : 'ltr';
    ctx.textAlign = 'left';  // ink extents measured from each line's left end
    var lines = PD_TEXT.wrap(ctx, text, wrap_px);
    var probe = ctx.measureText('');
    var ascent = probe.fontBoundingBoxAscent;
    var lineHeight = ascent + probe.fontBoundingBoxDescent;
    var width = 0;
    var inkTop = 0;
    var inkBottom = lines.length * lineHeight;
    var inkLeft = 0;
    var inkRight = 0;
    var measured = lines.map(function (line, i) {
      var m = ctx.measureText(line);
      width = Math.max(width, m.width);
      inkTop = Math.min(inkTop, i * lineHeight + ascent - m.actualBoundingBoxAscent);
      inkBottom = Math.max(inkBottom, i * lineHeight + ascent + m.actualBoundingBoxDescent);
      return m;
    });
    width = Math.ceil(width);
    var starts = measured.map(function (m) {
      // Where the line starts: RTL lines end at the right edge of the box.
      var x = rtl ? Math.floor(width - m.width) : 0;
      inkLeft = Math.min(inkLeft, x - m.actualBoundingBoxLeft);
      inkRight = Math.max(inkRight, x + m.actualBoundingBoxRight);
      return x;
    });
    var height = Math.ceil(lines.length * lineHeight);
    var padLeft = Math.ceil(Math.max(0, -inkLeft)) + 1;
    var padTop = Math.ceil(Math.max(0, -inkTop)) + 1;
    var texW = padLeft + Math.ceil(Math.max(width, inkRight)) + 1;
    var texH = padTop + Math.ceil(Math.max(height, inkBottom)) + 1;
    if (width <= 0 || texW > 8192 || texH > 8192) return rtl ? 1 : 0;
    var canvas = PD_TEXT.canvas;
    canvas.width = texW;  // resizing also clears and resets the context
    canvas.height = texH;
    ctx.font = font;
    ctx.direction = rtl ? 'rtl' : 'ltr';  // the bidi paragraph direction; the position is ours:
    ctx.textAlign = 'left';               // each line starts on a whole pixel, as in an element
    ctx.textBaseline = 'alphabetic';
    ctx.fillStyle = '#fff';
    lines.forEach(function (line, i) {
      ctx.fillText(line, padLeft + starts[i], padTop + i * lineHeight + ascent);
    });
    var gl = GLctx;
    var texture = gl.createTexture();
    var id = GL.getNewId(GL.textures);
    texture.name = id;
    GL.textures[id] = texture;
    var bound = gl.getParameter(gl.TEXTURE_BINDING_2D);
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    // Not premultiplied: ImGui's backend blends with SRC_ALPHA.
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, canvas);
    gl.bindTexture(gl.TEXTURE_2D, bound);
    var o = out >> 2;
    HEAP32[o] = id;
    HEAP32[o + 1] = width;
    HEAP32[o + 2] = height;
    HEAP32[o + 3] = -padLeft;
    HEAP32[o + 4] = -padTop;
    HEAP32[o + 5] = texW;
    HEAP32[o + 6] = texH;
    return rtl ? 1 : 0;
  },

  pd_js_text_delete__deps: ['$GL'],
  pd_js_text_delete: function (id) {
    var texture = GL.textures[id];
    if (!texture) return;
    GLctx.deleteTexture(texture);
    texture.name = 0;
    GL.textures[id] = null;
  },

  pd_js_text_fonts_loading__deps: ['$PD_TEXT'],
  pd_js_text_fonts_loading: function () {
    return PD_TEXT.loading;
  },

  // The stack as CSS, for the test hook.
  pd_js_text_font_stack__deps: ['$PD_TEXT', '$stringToNewUTF8'],
  pd_js_text_font_stack: function () {
    return stringToNewUTF8(PD_TEXT.stack());
  },
});
