// Event list ↔ evidence: hovering or clicking an event marks the sentences that say so.
document.addEventListener("DOMContentLoaded", () => {
  const items = document.querySelectorAll("ol.event-list li[data-event]");
  const mark = (id, on) => {
    document.querySelectorAll(`.evidence[data-event="${CSS.escape(id)}"]`).forEach((el) => el.classList.toggle("active", on));
  };
  items.forEach((li) => {
    const id = li.dataset.event;
    li.addEventListener("mouseenter", () => mark(id, true));
    li.addEventListener("mouseleave", () => { if (!li.classList.contains("active")) mark(id, false); });
    li.addEventListener("click", (ev) => {
      if (ev.target.closest("a")) return;
      const on = !li.classList.contains("active");
      items.forEach((other) => { other.classList.remove("active"); mark(other.dataset.event, false); });
      li.classList.toggle("active", on);
      mark(id, on);
      const first = document.querySelector(`.evidence[data-event="${CSS.escape(id)}"]`);
      if (on && first) first.scrollIntoView({ behavior: "smooth", block: "center" });
    });
  });
});
