// extractor view: light up a mention and its counterparts on hover or focus; Enter, Space or a click pins it.
(() => {
  "use strict";
  const fragments = new Map();
  for (const el of document.querySelectorAll(".m[data-m]")) {
    const key = el.dataset.m;
    if (!fragments.has(key)) fragments.set(key, []);
    fragments.get(key).push(el);
  }
  const info = document.getElementById("info");
  const state = { hovered: null, focused: null, pinned: null, shown: null };

  const first = (key) => (fragments.get(key) || [])[0];
  const counterparts = (key) => {
    const el = first(key);
    return el && el.dataset.links ? el.dataset.links.split(" ") : [];
  };
  const mark = (key, cls, on) => {
    for (const el of fragments.get(key) || []) el.classList.toggle(cls, on);
  };
  const light = (key, on) => {
    mark(key, "active", on);
    for (const other of counterparts(key)) mark(other, "counterpart", on);
  };

  function describe(key) {
    const el = first(key);
    const lines = [el.title];
    if (state.pinned === key) lines.push("Pinned: press Enter, Space or Esc to release.");
    return lines.join("\n");
  }

  function refresh() {
    const key = state.hovered || state.focused || state.pinned;
    if (state.shown !== key) {
      if (state.shown) light(state.shown, false);
      if (key) light(key, true);
      state.shown = key;
    }
    info.textContent = key ? describe(key) : info.dataset.idle;
    info.classList.toggle("pinned", Boolean(key) && key === state.pinned);
  }

  function pin(key) {
    if (state.pinned) {
      mark(state.pinned, "pinned", false);
      const el = first(state.pinned);
      if (el) el.setAttribute("aria-pressed", "false");
    }
    state.pinned = state.pinned === key ? null : key;
    if (state.pinned) {
      mark(state.pinned, "pinned", true);
      first(state.pinned).setAttribute("aria-pressed", "true");
    }
    refresh();
  }

  const mentionOf = (event) => {
    const el = event.target.closest && event.target.closest(".m[data-m]");
    return el ? el.dataset.m : null;
  };
  document.addEventListener("mouseover", (event) => {
    state.hovered = mentionOf(event);
    refresh();
  });
  document.addEventListener("mouseleave", () => {
    state.hovered = null;
    refresh();
  });
  document.addEventListener("focusin", (event) => {
    state.focused = mentionOf(event);
    refresh();
  });
  document.addEventListener("focusout", () => {
    state.focused = null;
    refresh();
  });
  document.addEventListener("click", (event) => {
    const jump = event.target.closest && event.target.closest("a.jump");
    if (jump) {
      const target = document.getElementById(jump.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.scrollIntoView({ block: "center" });
        target.focus({ preventScroll: true });
      }
      return;
    }
    const key = mentionOf(event);
    if (key) pin(key);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.pinned) {
      pin(state.pinned);
      return;
    }
    const key = mentionOf(event);
    if (key && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      pin(key);
    }
  });
})();
