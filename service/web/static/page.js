// newsfacts page: draws an article with its entities, quotes and quantities from the API's JSON.
// The same file runs in the live page (GET /) and, inlined, in the self-contained HTML report.
// Article text only ever reaches the DOM through textContent, never as HTML.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    }
    node.append(...children.filter((child) => child !== null && child !== undefined));
    return node;
  }

  // Offsets come in the response's offset_encoding; the DOM works in UTF-16 code units.
  function offsetMap(text, encoding) {
    if (encoding === "utf16") return (offset) => offset;
    const units = [0];
    let position = 0;
    for (const char of text) {
      const point = char.codePointAt(0);
      const width = encoding !== "utf8" ? 1 : point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
      for (let k = 1; k < width; k++) units.push(position);
      position += char.length;
      units.push(position);
    }
    return (offset) => units[Math.min(Math.max(offset, 0), units.length - 1)];
  }

  const isSpan = (value) => value && typeof value === "object" && Number.isInteger(value.start) && Number.isInteger(value.end);
  const short = (value) => (value && typeof value === "object" ? ("text" in value ? value.text : JSON.stringify(value)) : String(value));

  // Every highlighted span: a token naming it, the layer (CSS class) it draws in, and the item it describes.
  function spansOf(result, at) {
    const spans = [];
    const add = (span, token, layer, item, extra) => {
      if (isSpan(span)) spans.push({ start: at(span.start), end: at(span.end), token, layer, item, ...extra });
    };
    for (const entity of result.entities || []) {
      (entity.mentions || []).forEach((mention, i) => add(mention, `${entity.id}:${i}`, "ent", entity, { group: entity.id }));
    }
    for (const quote of result.quotes || []) {
      add(quote, quote.id, "quote", quote, { group: quote.id });
      add(quote.speaker, `${quote.id}:speaker`, "spk", quote);
      add(quote.cue, `${quote.id}:cue`, "cue", quote);
      add(quote.via, `${quote.id}:via`, "via", quote);
    }
    for (const quantity of result.quantities || []) add(quantity, quantity.id, "qty", quantity, { group: quantity.id });
    add(result.dateline, "dateline", "dateline", result.dateline);
    return spans.filter((span) => span.end > span.start);
  }

  function quoteBadge(quote) {
    const speaker = quote.speaker
      ? quote.speaker.name && quote.speaker.name !== quote.speaker.text ? `${quote.speaker.text} → ${quote.speaker.name}` : quote.speaker.text
      : "no speaker";
    return `${quote.id} ${quote.kind || ""} · ${speaker}`;
  }

  // Cuts the text at every span boundary; each piece carries the tokens of all spans covering it,
  // so overlapping and nested spans need no nesting of elements.
  function drawArticle(container, text, spans) {
    const cuts = new Set([0, text.length]);
    for (const span of spans) {
      cuts.add(Math.min(span.start, text.length));
      cuts.add(Math.min(span.end, text.length));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const byStart = [...spans].sort((a, b) => a.start - b.start);
    const segmentsOf = new Map(spans.map((span) => [span, []]));
    const fragment = document.createDocumentFragment();
    let active = [];
    let next = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]];
      while (next < byStart.length && byStart[next].start <= from) active.push(byStart[next++]);
      active = active.filter((span) => span.end > from);
      const piece = text.slice(from, to);
      if (!active.length) {
        fragment.append(piece);
        continue;
      }
      const classes = new Set(["seg"]);
      for (const span of active) {
        classes.add(span.layer);
        if (span.layer === "ent") classes.add(`l-${String(span.item.label).replace(/[^A-Za-z0-9_-]/g, "")}`);
        if (span.layer === "quote") classes.add(`k-${String(span.item.kind).replace(/[^A-Za-z0-9_-]/g, "")}`);
      }
      const tokens = active.flatMap((span) => (span.group ? [span.token, span.group] : [span.token]));
      const segment = el("span", { class: [...classes].join(" "), "data-spans": [...new Set(tokens)].join(" ") }, piece);
      segment.spansHere = [...active];
      if (active.some((span) => span.start === from)) segment.tabIndex = 0;
      for (const span of active) segmentsOf.get(span).push(segment);
      fragment.append(segment);
    }
    for (const [span, segments] of segmentsOf) {
      if (span.layer !== "quote" || !segments.length) continue;
      const last = segments[segments.length - 1];
      last.classList.add("qend");
      last.dataset.badge = [last.dataset.badge, quoteBadge(span.item)].filter(Boolean).join(" | ");
    }
    container.replaceChildren(fragment);
  }

  const KNOWN = {
    ent: ["id", "name", "label", "salience", "titles", "mentions"],
    quote: ["id", "text", "start", "end", "kind", "cue", "speaker", "addressee", "via"],
    qty: ["id", "text", "start", "end", "value", "range", "bound", "change", "unit", "currency", "normalized", "kind", "object", "per", "when"],
  };
  const extras = (item, layer) =>
    Object.entries(item || {})
      .filter(([key, value]) => !(KNOWN[layer] || ["text", "start", "end"]).includes(key) && value !== null)
      .map(([key, value]) => `${key}: ${short(value)}`)
      .join("; ");

  function unitOf(quantity) {
    if (quantity.currency) return quantity.currency;
    if (quantity.unit) return quantity.unit.symbol ? `${quantity.unit.name} (${quantity.unit.symbol})` : quantity.unit.name;
    return "";
  }

  function valueOf(quantity) {
    const range = quantity.range;
    const value = range && (range.min !== null || range.max !== null) ? `${range.min ?? "…"}–${range.max ?? "…"}` : `${quantity.value}`;
    return [quantity.bound && quantity.bound !== "exact" ? quantity.bound.replace("_", " ") : "", value, quantity.change || ""].filter(Boolean).join(" ");
  }

  const QUOTE_ROLES = { quote: "Quote", spk: "Speaker of quote", cue: "Cue of quote", via: "Source (via) of quote" };

  // One term and one line of text for a highlighted span: every field it has, known or not.
  function describe(span) {
    const item = span.item || {};
    const layer = span.layer in QUOTE_ROLES ? "quote" : span.layer;
    let term;
    let parts = [];
    if (layer === "ent") {
      term = `Entity ${item.id}: ${item.name}`;
      parts = [item.label, `salience ${item.salience}`, item.titles && item.titles.length && `titles: ${item.titles.join(", ")}`];
    } else if (layer === "quote") {
      term = `${QUOTE_ROLES[span.layer]} ${item.id} (${item.kind})`;
      parts = [quoteBadge(item), item.cue && `cue: ${item.cue.text}`, item.via && `via: ${short(item.via)}`];
    } else if (layer === "qty") {
      term = `Quantity ${item.id}: ${item.text}`;
      parts = [`value ${valueOf(item)}`, unitOf(item) && `unit ${unitOf(item)}`,
        item.normalized && `normalized ${item.normalized.value} ${item.normalized.unit}`, `kind ${item.kind}`,
        item.object && `object: ${item.object}`, item.per && `per: ${short(item.per)}`, item.when && `when: ${short(item.when)}`];
    } else {
      term = `Dateline: ${item.text}`;
    }
    parts.push(extras(item, layer));
    return [term, parts.filter(Boolean).join("; ")];
  }

  function showDetails(segment) {
    const list = el("dl");
    for (const span of segment.spansHere) {
      const [term, text] = describe(span);
      list.append(el("dt", { text: term }), el("dd", { text }));
    }
    $("details").replaceChildren(list);
  }

  function clearMarks() {
    for (const node of document.querySelectorAll(".sel, .sel-speaker, tr.chosen")) node.classList.remove("sel", "sel-speaker", "chosen");
  }

  function mark(token, className) {
    const segments = document.querySelectorAll(`#article [data-spans~="${CSS.escape(token)}"]`);
    for (const segment of segments) segment.classList.add(className);
    return segments;
  }

  function choose(token, row, speakerToken) {
    clearMarks();
    if (row) row.classList.add("chosen");
    const segments = mark(token, "sel");
    if (speakerToken) mark(speakerToken, "sel-speaker");
    if (segments.length) {
      segments[0].scrollIntoView({ block: "center" });
      segments[0].focus({ preventScroll: true });
    }
  }

  const button = (text, onClick, label) => {
    const node = el("button", { type: "button", text, "aria-label": label || text });
    node.addEventListener("click", onClick);
    return node;
  };

  function table(headers, rows) {
    return el("table", {}, el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { scope: "col", text: h })))), el("tbody", {}, ...rows));
  }

  function drawEntities(entities) {
    const items = [...entities].sort((a, b) => b.salience - a.salience).map((entity) =>
      el("li", {}, button(entity.name, () => choose(entity.id), `${entity.name}: highlight its mentions`),
        ` ${entity.label} · salience ${entity.salience} · ${entity.mentions.length} mention${entity.mentions.length === 1 ? "" : "s"}`));
    return items.length ? el("ol", { class: "entities" }, ...items) : el("p", { text: "No entities." });
  }

  function drawQuotes(quotes) {
    if (!quotes.length) return el("p", { text: "No quotes." });
    return table(["quote", "speaker", "kind", "cue", "via", "text"], quotes.map((quote) => {
      const row = el("tr", {});
      const speaker = quote.speaker ? quoteBadge(quote).split(" · ").slice(1).join(" · ") : "—";
      row.append(
        el("td", {}, button(quote.id, () => choose(quote.id, row, `${quote.id}:speaker`), `quote ${quote.id}: show it and mark its speaker`)),
        el("td", { text: speaker }), el("td", { text: quote.kind }), el("td", { text: quote.cue ? quote.cue.text : "—" }),
        el("td", { text: quote.via ? short(quote.via) : "—" }), el("td", { text: quote.text.length > 90 ? `${quote.text.slice(0, 90)}…` : quote.text }));
      return row;
    }));
  }

  function drawQuantities(quantities) {
    if (!quantities.length) return el("p", { text: "No quantities." });
    return table(["quantity", "text", "value", "unit / currency", "kind", "object", "more"], quantities.map((quantity) => {
      const row = el("tr", {});
      const more = [quantity.normalized && `= ${quantity.normalized.value} ${quantity.normalized.unit}`, quantity.per && `per ${short(quantity.per)}`,
        quantity.when && `when ${short(quantity.when)}`, extras(quantity, "qty")].filter(Boolean).join("; ");
      row.append(
        el("td", {}, button(quantity.id, () => choose(quantity.id, row), `quantity ${quantity.id}: show it`)),
        el("td", { text: quantity.text }), el("td", { text: valueOf(quantity) }), el("td", { text: unitOf(quantity) || "—" }),
        el("td", { text: quantity.kind }), el("td", { text: quantity.object || "—" }), el("td", { text: more }));
      return row;
    }));
  }

  function drawLegend(result) {
    const labels = [...new Set((result.entities || []).map((entity) => entity.label))].sort();
    const items = labels.map((label) => el("li", {}, el("span", { class: `swatch l-${label.replace(/[^A-Za-z0-9_-]/g, "")}`, "aria-hidden": "true" }), label));
    items.push(el("li", {}, el("span", { class: "swatch quote", "aria-hidden": "true" }), "quote (speaker dotted, cue bold)"));
    items.push(el("li", {}, el("span", { class: "swatch qty", "aria-hidden": "true" }), "quantity"));
    $("legend").replaceChildren(...items);
    $("dateline-layer").hidden = !isSpan(result.dateline);
    $("layers").hidden = false;
  }

  function render(text, result, elapsedMs) {
    const started = performance.now();
    const spans = spansOf(result, offsetMap(text, result.offset_encoding || "codepoint"));
    drawArticle($("article"), text, spans);
    drawLegend(result);
    const panel = (name, draw) => $(`panel-${name}`).replaceChildren(
      Array.isArray(result[name]) ? draw(result[name]) : el("p", { text: `Not in this response: include did not ask for ${name}.` }));
    panel("entities", drawEntities);
    panel("quotes", drawQuotes);
    panel("quantities", drawQuantities);
    $("json").textContent = JSON.stringify(result, null, 2);
    const model = result.model || {};
    const counts = ["entities", "quotes", "quantities"].filter((name) => Array.isArray(result[name])).map((name) => `${result[name].length} ${name}`);
    const timing = elapsedMs === null || elapsedMs === undefined ? "" : ` · extracted in ${Math.round(elapsedMs)} ms`;
    $("summary").textContent = `${counts.join(", ")} · ${model.pipeline || "?"}, spaCy ${model.spacy || "?"}, newsfacts ${model.service || "?"}${timing}`;
    document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
    document.body.dataset.drawnAtMs = performance.now().toFixed(1); // since the navigation started
    if (elapsedMs !== null && elapsedMs !== undefined) document.body.dataset.extractMs = elapsedMs.toFixed(1);
    document.body.dataset.rendered = "true";
  }

  function wireControls() {
    for (const box of document.querySelectorAll("#layers input")) {
      box.addEventListener("change", () => $("article").classList.toggle(`show-${box.dataset.layer}`, box.checked));
    }
    const tabs = [...document.querySelectorAll('[role="tab"]')];
    const select = (tab) => {
      for (const other of tabs) {
        const chosen = other === tab;
        other.setAttribute("aria-selected", String(chosen));
        other.tabIndex = chosen ? 0 : -1;
        $(other.getAttribute("aria-controls")).hidden = !chosen;
      }
      tab.focus();
    };
    tabs.forEach((tab, i) => {
      tab.addEventListener("click", () => select(tab));
      tab.addEventListener("keydown", (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (step) select(tabs[(i + step + tabs.length) % tabs.length]);
      });
    });
    const article = $("article");
    const inspect = (event) => {
      const segment = event.target.closest && event.target.closest(".seg");
      if (segment) showDetails(segment);
    };
    article.addEventListener("mouseover", inspect);
    article.addEventListener("focusin", inspect);
    $("download").addEventListener("click", () => {
      const link = el("a", { href: URL.createObjectURL(new Blob([$("json").textContent], { type: "application/json" })), download: "facts.json" });
      link.click();
      URL.revokeObjectURL(link.href);
    });
  }

  async function extract(event) {
    event.preventDefault();
    const text = $("article-input").value;
    const status = $("status");
    status.className = "status";
    status.textContent = "Extracting…";
    $("extract-button").disabled = true;
    const started = performance.now();
    try {
      const response = await fetch("/v1/extract", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ text }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body.detail || `${response.status} ${response.statusText}`);
      render(text, body, performance.now() - started);
      status.textContent = "Done.";
    } catch (error) {
      status.className = "problem";
      status.textContent = `Extraction failed: ${error.message}`;
    } finally {
      $("extract-button").disabled = false;
    }
  }

  wireControls();
  const embedded = $("facts");
  if (embedded) {
    const facts = JSON.parse(embedded.textContent);
    render(facts.text, facts.result, facts.elapsed_ms);
  } else {
    $("extract-form").addEventListener("submit", extract);
  }
})();
