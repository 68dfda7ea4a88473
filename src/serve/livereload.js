// Live reload for `hoshin serve`: reloads the page after every rebuild and shows build
// errors over the last good page. Injected only by the preview server. The errors come with
// the overlay's words in the language of the run ({ lang, title, summary, close, errors }).
(() => {
  "use strict";
  const OVERLAY_ID = "hoshin-build-errors";
  let lastFocus = null;

  function close() {
    const old = document.getElementById(OVERLAY_ID);
    if (old) {
      old.remove();
      if (lastFocus && lastFocus.focus) lastFocus.focus();
    }
  }

  function show(overlay) {
    close();
    lastFocus = document.activeElement;
    const box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.lang = overlay.lang;
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
    box.setAttribute("aria-describedby", OVERLAY_ID + "-summary");
    box.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(0,0,0,.82);" +
      "color:#fff;font:16px/1.6 system-ui,sans-serif;padding:2rem;";
    const title = document.createElement("h2");
    title.id = OVERLAY_ID + "-title";
    title.textContent = overlay.title;
    title.style.cssText = "margin:0 0 .5rem;font-size:1.5rem;color:#ffb4b4;";
    const summary = document.createElement("p");
    summary.id = OVERLAY_ID + "-summary";
    summary.textContent = overlay.summary;
    const list = document.createElement("ol");
    list.style.cssText = "padding-left:1.5rem;";
    for (const e of overlay.errors) {
      const item = document.createElement("li");
      const pre = document.createElement("pre");
      pre.textContent = e.text;
      pre.style.cssText =
        "white-space:pre-wrap;background:#1e1e1e;color:#f5f5f5;padding:.75rem;border-radius:4px;" +
        "font:14px/1.5 ui-monospace,monospace;";
      item.appendChild(pre);
      list.appendChild(item);
    }
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = overlay.close;
    button.style.cssText = "font-size:1rem;padding:.4rem 1.2rem;";
    button.addEventListener("click", close);
    box.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") close();
    });
    box.append(title, summary, list, button);
    document.body.appendChild(box);
    button.focus();
  }

  const source = new EventSource("/__hoshin/events");
  source.addEventListener("reload", () => location.reload());
  source.addEventListener("errors", (ev) => show(JSON.parse(ev.data)));
})();
