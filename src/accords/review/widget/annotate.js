// The page side of accords.review.widget.AnnotationWidget (an anywidget ES module, no build step).
//
// It draws what Python sends (the article text, its spans, the selection, the pending
// selection, the editor, the article list) and sends back what the reviewer does: a mouse
// selection as code-point offsets, a click on a highlight, a click on a label, a key press.
// Every decision is taken and saved in Python. Every key pressed in the widget stops here:
// nothing reaches JupyterLab's command mode (which would insert, delete or move cells).

const codePoints = (s) => Array.from(s).length;

function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The code-point offset in the article of a DOM position inside the text container.
function offsetOf(container, node, offset) {
  if (node.nodeType === Node.TEXT_NODE) {
    const segment = node.parentElement.closest("[data-start]");
    if (!segment || !container.contains(segment)) return null;
    return Number(segment.dataset.start) + codePoints(node.data.slice(0, offset));
  }
  if (node === container || container.contains(node)) {
    const children = [...node.childNodes];
    if (offset < children.length) {
      const child = children[offset];
      const first = child.nodeType === Node.ELEMENT_NODE
        ? (child.matches("[data-start]") ? child : child.querySelector("[data-start]"))
        : null;
      if (first) return Number(first.dataset.start);
    }
    const segments = node.querySelectorAll ? node.querySelectorAll("[data-start]") : [];
    if (segments.length) return Number(segments[segments.length - 1].dataset.end);
  }
  return null;
}

function render({ model, el }) {
  const root = make("div", "accords-widget");
  root.tabIndex = 0;
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  root.setAttribute("role", "application");
  el.appendChild(root);

  const header = make("div", "accords-widget-header");
  const body = make("div", "accords-widget-body");
  const list = make("div", "accords-widget-articles");
  const main = make("div", "accords-widget-main");
  const palette = make("div", "accords-widget-palette");
  const textBox = make("div", "accords-widget-text");
  const editor = make("div", "accords-widget-editor");
  const status = make("div", "accords-widget-status");
  const help = make("div", "accords-widget-help");
  main.append(palette, textBox, editor, status, help);
  body.append(list, main);
  root.append(header, body);

  const send = (message) => model.send(message);
  let lastSelected = null;

  function drawHeader() {
    header.replaceChildren();
    header.append(make("b", null, `Review ${model.get("doc_id")}`),
                  make("span", "accords-widget-file",
                       ` — each decision is saved at once to ${model.get("file_name")}`));
    const summary = make("div", "accords-widget-summary", model.get("summary"));
    header.append(summary);
  }

  function drawArticles() {
    const rows = model.get("articles");
    list.replaceChildren();
    list.style.display = rows.length ? "" : "none";
    if (!rows.length) return;
    list.append(make("div", "accords-widget-articles-title", "Articles"));
    for (const row of rows) {
      const item = make("button", "accords-widget-article");
      item.type = "button";
      item.dataset.id = row.id;
      item.dataset.state = row.state;
      if (row.id === model.get("doc_id")) item.classList.add("accords-current");
      const count = row.total === null ? "" : ` ${row.decided}/${row.total}`;
      item.append(make("span", "accords-widget-article-id", row.id),
                  make("span", `accords-state accords-state-${row.state.replace(" ", "-")}`,
                       row.state + count));
      if (row.problem) item.title = row.problem;
      item.addEventListener("click", () => send({ do: "open", id: row.id }));
      list.append(item);
    }
    const next = make("button", "accords-widget-next", "Next unreviewed (n)");
    next.type = "button";
    next.addEventListener("click", () => send({ do: "next" }));
    list.append(next);
  }

  function drawPalette() {
    palette.replaceChildren();
    for (const label of model.get("labels")) {
      const chip = make("button", "accords-widget-label");
      chip.type = "button";
      chip.dataset.label = label.name;
      chip.style.background = label.colour;
      chip.append(make("kbd", null, label.key), document.createTextNode(` ${label.name}`));
      chip.addEventListener("mousedown", (event) => event.preventDefault());
      chip.addEventListener("click", () => { send({ do: "label", label: label.name }); root.focus(); });
      palette.append(chip);
    }
  }

  function drawText() {
    const text = Array.from(model.get("text"));
    const spans = model.get("spans");
    const chosen = model.get("selected");
    const selected = chosen >= 0 && chosen < spans.length ? chosen : -1;
    const pending = model.get("pending");
    const cuts = new Set([0, text.length]);
    spans.forEach((s) => { cuts.add(s.start); cuts.add(s.end); });
    if (pending.length === 2) { cuts.add(pending[0]); cuts.add(pending[1]); }
    const points = [...cuts].sort((a, b) => a - b);
    const scroll = textBox.scrollTop;
    textBox.replaceChildren();
    // one sweep over the cuts: the spans open at each stretch (every start and end is a cut,
    // so a span open at a stretch's start covers all of it)
    const byStart = spans.map((_, index) => index).sort((x, y) => spans[x].start - spans[y].start);
    let opened = 0;
    let open = [];
    const pieces = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      while (opened < byStart.length && spans[byStart[opened]].start <= a) {
        open.push(byStart[opened]);
        opened++;
      }
      open = open.filter((index) => spans[index].end > a);
      const piece = make("span", "accords-seg", text.slice(a, b).join(""));
      piece.dataset.start = a;
      piece.dataset.end = b;
      const covering = [...open].sort((x, y) => x - y);
      if (covering.length) {
        const shown = covering.filter((index) => spans[index].status !== "rejected");
        const pool = shown.length ? shown : covering;
        const inner = pool.reduce((x, y) =>
          (spans[y].end - spans[y].start) < (spans[x].end - spans[x].start) ? y : x);
        const span = spans[inner];
        piece.classList.add("accords-mark", `accords-${span.label}`);
        if (!shown.length) piece.classList.add("accords-rejected");
        else piece.style.background = span.colour;
        if (span.human && span.status === "accepted") piece.classList.add("accords-accepted");
        if (covering.length > 1) piece.classList.add("accords-nested");
        piece.dataset.spans = covering.join(" ");
        piece.dataset.span = inner;
        piece.title = covering.map((index) => spans[index].title).join("; ");
        if (covering.includes(selected)) piece.classList.add("accords-selected");
        if (selected >= 0 && spans[selected].start === a && covering.includes(selected)) {
          piece.dataset.tag = spans[selected].label;  // drawn by CSS: not part of the text
        }
      }
      if (pending.length === 2 && pending[0] <= a && b <= pending[1]) {
        piece.classList.add("accords-pending");
      }
      pieces.append(piece);
    }
    textBox.append(pieces);
    textBox.scrollTop = scroll;
    // what is selected, for scripts and tests: "start end label" (empty: nothing)
    root.dataset.selected = selected >= 0
      ? `${spans[selected].start} ${spans[selected].end} ${spans[selected].label}` : "";
    root.dataset.pending = pending.join(" ");
    if (selected !== lastSelected && selected >= 0) {
      const first = textBox.querySelector(".accords-selected");
      if (first) first.scrollIntoView({ block: "nearest" });
    }
    lastSelected = selected;
  }

  function drawEditor() {
    editor.replaceChildren();
    const open = model.get("editing");
    editor.style.display = open ? "" : "none";
    if (!open) return;
    const spans = model.get("spans");
    const selected = model.get("selected");
    const span = selected >= 0 && selected < spans.length ? spans[selected] : null;
    const choice = make("select", "accords-widget-editor-label");
    for (const label of model.get("labels")) {
      const option = make("option", null, label.name);
      option.value = label.name;
      choice.append(option);
    }
    if (span && ![...choice.options].some((o) => o.value === span.label)) {
      const option = make("option", null, span.label);
      option.value = span.label;
      choice.append(option);
    }
    if (span) choice.value = span.label;
    const norm = make("input", "accords-widget-editor-norm");
    norm.type = "text";
    norm.placeholder = "normalised value (empty: none)";
    norm.value = span && span.norm !== null ? span.norm : "";
    const save = make("button", "accords-widget-editor-save", "Save (Enter)");
    save.type = "button";
    const cancel = make("button", "accords-widget-editor-cancel", "Cancel (Esc)");
    cancel.type = "button";
    const submit = () => { send({ do: "edit", label: choice.value, norm: norm.value }); root.focus(); };
    const close = () => { send({ do: "close_editor" }); root.focus(); };
    save.addEventListener("click", submit);
    cancel.addEventListener("click", close);
    editor.addEventListener("keydown", (event) => {
      // typing in the editor stays in the editor: no key reaches JupyterLab
      event.stopPropagation();
      if (event.key === "Enter") { event.preventDefault(); submit(); }
      if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    const what = span ? `${span.label} ${span.start}-${span.end}` : "the new span";
    editor.append(make("span", null, `Edit ${what}: `), choice, norm, save, cancel);
    setTimeout(() => norm.focus(), 0);
  }

  function drawStatus() {
    status.textContent = model.get("message");
    status.classList.toggle("accords-error", !model.get("ok"));
  }

  help.textContent = "Select words with the mouse, then a number key or a label to add a span ·"
    + " click a highlight to select it · ← → move · Enter accept · Delete/Backspace reject ·"
    + " e edit label/norm · Ctrl+Z undo · Esc cancel · n next unreviewed article."
    + " Green underline: accepted · struck out: rejected · dotted underline: spans nested.";

  function drawAll() {
    drawHeader(); drawArticles(); drawPalette(); drawText(); drawEditor(); drawStatus();
  }
  drawAll();

  const redraws = [
    ["change:doc_id change:file_name change:summary", () => { drawHeader(); drawArticles(); }],
    ["change:articles", drawArticles],
    ["change:labels", drawPalette],
    ["change:text change:spans change:selected change:pending", drawText],
    ["change:editing change:selected change:spans", drawEditor],
    ["change:message change:ok", drawStatus],
  ];
  for (const [events, draw] of redraws) model.on(events, draw);

  // --- the mouse: a drag over words makes a span, a click on a highlight selects it
  textBox.addEventListener("mouseup", (event) => {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed && selection.rangeCount) {
      const range = selection.getRangeAt(0);
      const start = offsetOf(textBox, range.startContainer, range.startOffset);
      const end = offsetOf(textBox, range.endContainer, range.endOffset);
      selection.removeAllRanges();
      root.focus({ preventScroll: true });
      if (start !== null && end !== null && start !== end) {
        send({ do: "range", start, end });
        return;
      }
    }
    root.focus({ preventScroll: true });
    const piece = event.target.closest && event.target.closest(".accords-mark");
    if (!piece) return;
    const covering = piece.dataset.spans.split(" ").map(Number);
    const selected = model.get("selected");
    // a second click on nested spans selects the next one covering the same words
    const at = covering.indexOf(selected);
    const index = at >= 0 ? covering[(at + 1) % covering.length] : Number(piece.dataset.span);
    send({ do: "select", index });
  });

  // --- the keys: every key stops here except Ctrl/Cmd+S (save the notebook) and
  // Ctrl/Cmd+C (copy); the widget's own keys also lose their default action
  const passes = (event) => (event.ctrlKey || event.metaKey)
    && ["s", "c"].includes(event.key.toLowerCase());
  const onKey = (event) => {
    if (event.target !== root && event.target.closest(".accords-widget-editor")) {
      event.stopPropagation();  // the editor handles its own keys
      return;
    }
    const keys = model.get("key_map");
    const name = (event.ctrlKey || event.metaKey) ? `Ctrl+${event.key.toLowerCase()}` : event.key;
    const handled = keys[name] !== undefined;
    if (!passes(event)) event.stopPropagation();
    if (!handled) return;
    event.preventDefault();
    if (event.type === "keydown") {
      send({ do: "key", key: event.key, ctrl: event.ctrlKey || event.metaKey });
    }
  };
  root.addEventListener("keydown", onKey);
  root.addEventListener("keyup", onKey);
  root.addEventListener("keypress", (event) => { if (!passes(event)) event.stopPropagation(); });
  root.addEventListener("mousedown", (event) => {
    if (event.target.closest(".accords-widget-text") === null) return;
    root.focus({ preventScroll: true });
  });

  return () => { for (const [events, draw] of redraws) model.off(events, draw); };
}

export default { render };
