// Matrices as text tables, with an SVG overlay for windows, stamps and picks. Layout only: every
// number drawn here arrives from the server.

const SVG = 'http://www.w3.org/2000/svg';

/** Writes a number as the page shows it: integers plainly, others to four decimals. */
export function fmt(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return v > 0 ? '∞' : v < 0 ? '−∞' : 'NaN';
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toFixed(4)));
}

/**
 * Renders matrix m into table. Options: pad [top, left, bottom, right] extra cells drawn around it,
 * padValue(r, c) the text of a padded cell (data coordinates), editable, onEdit(r, c, text),
 * onClick(r, c), label (an aria label prefix).
 */
export function renderMatrix(table, m, opts = {}) {
  const [pt, pl, pb, pr] = opts.pad || [0, 0, 0, 0];
  const rows = m.length;
  const cols = rows ? m[0].length : 0;
  table.textContent = '';
  table.classList.toggle('small', cols + pl + pr > 16 || rows + pt + pb > 16);
  table._cells = new Map();
  table._pad = [pt, pl];
  table._opts = opts;
  const body = document.createElement('tbody');
  for (let r = -pt; r < rows + pb; r++) {
    const tr = document.createElement('tr');
    for (let c = -pl; c < cols + pr; c++) {
      const td = document.createElement('td');
      if (r >= 0 && r < rows && c >= 0 && c < cols) {
        td.textContent = fmt(m[r][c]);
        td.dataset.r = r;
        td.dataset.c = c;
        if (opts.editable) {
          td.contentEditable = 'true';
          td.setAttribute('role', 'textbox');
          td.setAttribute('aria-label', `${opts.label || 'cell'} row ${r} column ${c}`);
        }
        if (opts.onClick) td.className = 'clickable';
      } else {
        td.className = 'pad';
        td.textContent = opts.padValue ? opts.padValue(r, c) : '0';
      }
      table._cells.set(r + ',' + c, td);
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
  table.appendChild(body);
  if (!table._listening) {
    // one listener per table, reading the options of its latest rendering
    table._listening = true;
    const cellOf = (e) => {
      const td = e.target.closest('td');
      return td && td.dataset.r !== undefined ? td : null;
    };
    table.addEventListener('click', (e) => {
      const td = cellOf(e);
      if (td && table._opts.onClick) table._opts.onClick(Number(td.dataset.r), Number(td.dataset.c));
    });
    table.addEventListener('keydown', (e) => {
      const td = cellOf(e);
      if (td && e.key === 'Enter' && td.isContentEditable) { e.preventDefault(); td.blur(); }
    });
    table.addEventListener('focusout', (e) => {
      const td = cellOf(e);
      if (td && td.isContentEditable && table._opts.onEdit) {
        table._opts.onEdit(Number(td.dataset.r), Number(td.dataset.c), td.textContent.trim(), td);
      }
    });
  }
}

/** The table cell at data coordinates (r, c), padded cells included, or null. */
export function cellAt(table, r, c) {
  return (table._cells && table._cells.get(r + ',' + c)) || null;
}

/** Removes every class of `names` from the table's cells. */
export function clearMarks(table, ...names) {
  if (!table._cells) return;
  for (const td of table._cells.values()) td.classList.remove(...names);
}

/** Adds class `name` to the cells at the given data coordinates. */
export function mark(table, cells, name) {
  for (const [r, c] of cells) {
    const td = cellAt(table, r, c);
    if (td) td.classList.add(name);
  }
}

/** Draws one outlined square per cell, and a dashed box around them all, on the table's overlay. */
export function drawWindow(svg, table, cells, color) {
  svg.textContent = '';
  svg.setAttribute('width', table.offsetWidth);
  svg.setAttribute('height', table.offsetHeight);
  if (!cells.length) return;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [r, c] of cells) {
    const td = cellAt(table, r, c);
    if (!td) continue;
    const x = table.offsetLeft + td.offsetLeft;
    const y = table.offsetTop + td.offsetTop;
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', x + 2);
    rect.setAttribute('y', y + 2);
    rect.setAttribute('width', td.offsetWidth - 4);
    rect.setAttribute('height', td.offsetHeight - 4);
    rect.setAttribute('fill', color);
    rect.setAttribute('fill-opacity', '0.18');
    rect.setAttribute('stroke', color);
    rect.setAttribute('stroke-width', '2');
    rect.setAttribute('class', 'tap');
    rect.dataset.r = r;
    rect.dataset.c = c;
    svg.appendChild(rect);
    minX = Math.min(minX, x); minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + td.offsetWidth); maxY = Math.max(maxY, y + td.offsetHeight);
  }
  if (minX === Infinity) return;
  // keep the window in sight inside a scrolled matrix
  const wrap = svg.parentElement;
  if (minX < wrap.scrollLeft || maxX > wrap.scrollLeft + wrap.clientWidth) wrap.scrollLeft = Math.max(0, minX - 16);
  if (minY < wrap.scrollTop || maxY > wrap.scrollTop + wrap.clientHeight) wrap.scrollTop = Math.max(0, minY - 16);
  const box = document.createElementNS(SVG, 'rect');
  box.setAttribute('x', minX);
  box.setAttribute('y', minY);
  box.setAttribute('width', maxX - minX);
  box.setAttribute('height', maxY - minY);
  box.setAttribute('fill', 'none');
  box.setAttribute('stroke', color);
  box.setAttribute('stroke-dasharray', '4 3');
  box.setAttribute('class', 'window');
  svg.appendChild(box);
}

/** Clears an overlay. */
export function clearOverlay(svg) {
  svg.textContent = '';
  svg.setAttribute('width', 0);
  svg.setAttribute('height', 0);
}

/** A small read-only table of a matrix, for the op-specific detail. */
export function smallTable(m, caption) {
  const fig = document.createElement('figure');
  const cap = document.createElement('figcaption');
  cap.textContent = caption;
  fig.appendChild(cap);
  const wrap = document.createElement('div');
  wrap.className = 'grid-wrap';
  const t = document.createElement('table');
  t.className = 'matrix';
  renderMatrix(t, m);
  wrap.appendChild(t);
  fig.appendChild(wrap);
  return fig;
}
